#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace stagehand::test {

// Samples of the Prometheus text exposition format (what a /metrics endpoint serves).
class PrometheusText {
public:
    struct Sample {
        QString name;
        QMap<QString, QString> labels;
        double value = 0;
    };

    explicit PrometheusText(const QByteArray &text);

    const QList<Sample> &samples() const { return m_samples; }
    // The sample with exactly this name and label set; nullopt if there is none.
    std::optional<double> value(const QString &name, const QMap<QString, QString> &labels = {}) const;
    // value(), with an absent counter counting as 0 (a counter appears on its first increment).
    double counter(const QString &name, const QMap<QString, QString> &labels = {}) const;

private:
    QList<Sample> m_samples;
};

} // namespace stagehand::test

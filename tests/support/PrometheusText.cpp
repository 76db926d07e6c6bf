#include "PrometheusText.h"

#include <cmath>
#include <limits>

namespace stagehand::test {

namespace {

double parseValue(const QString &text, bool *ok)
{
    if (text == QLatin1String("+Inf")) {
        *ok = true;
        return std::numeric_limits<double>::infinity();
    }
    if (text == QLatin1String("-Inf")) {
        *ok = true;
        return -std::numeric_limits<double>::infinity();
    }
    if (text == QLatin1String("NaN")) {
        *ok = true;
        return std::nan("");
    }
    return text.toDouble(ok);
}

} // namespace

PrometheusText::PrometheusText(const QByteArray &text)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        Sample sample;
        qsizetype i = 0;
        while (i < line.size() && line[i] != u'{' && !line[i].isSpace())
            ++i;
        sample.name = line.left(i);
        if (i < line.size() && line[i] == u'{') {
            ++i;
            while (i < line.size() && line[i] != u'}') {
                const qsizetype equals = line.indexOf(u'=', i);
                if (equals < 0 || equals + 1 >= line.size() || line[equals + 1] != u'"')
                    break;
                const QString key = line.mid(i, equals - i).trimmed();
                QString value;
                qsizetype j = equals + 2;
                for (; j < line.size() && line[j] != u'"'; ++j) {
                    if (line[j] == u'\\' && j + 1 < line.size()) {
                        ++j;
                        value += line[j] == u'n' ? QChar(u'\n') : line[j];
                    } else {
                        value += line[j];
                    }
                }
                sample.labels.insert(key, value);
                i = j + 1;
                while (i < line.size() && (line[i] == u',' || line[i].isSpace()))
                    ++i;
            }
            ++i; // '}'
        }
        const QStringList rest = line.mid(i).split(u' ', Qt::SkipEmptyParts);
        bool ok = false;
        sample.value = parseValue(rest.value(0), &ok);
        if (ok && !sample.name.isEmpty())
            m_samples.append(sample);
    }
}

std::optional<double> PrometheusText::value(const QString &name, const QMap<QString, QString> &labels) const
{
    for (const Sample &sample : m_samples) {
        if (sample.name == name && sample.labels == labels)
            return sample.value;
    }
    return std::nullopt;
}

double PrometheusText::counter(const QString &name, const QMap<QString, QString> &labels) const
{
    return value(name, labels).value_or(0.0);
}

} // namespace stagehand::test

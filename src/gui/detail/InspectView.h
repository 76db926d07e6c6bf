#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QPlainTextEdit;
class QStackedWidget;
class QTreeWidget;

namespace stagehand {

// A container's inspect answer, masked (InspectMasker): a tree of the readable sections
// (InspectSummary), or the raw JSON with "Show raw JSON".
class InspectView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectView)

public:
    explicit InspectView(QWidget *parent = nullptr);

    // raw: the engine's answer as it came; it is masked here.
    void setInspect(const QJsonObject &raw);
    void clear();
    void setRawShown(bool shown);

    QTreeWidget *tree() const { return m_tree; }
    QPlainTextEdit *rawView() const { return m_raw; }
    // The masked answer shown.
    QJsonObject masked() const { return m_masked; }

private:
    QCheckBox *m_rawToggle = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QJsonObject m_masked;
};

} // namespace stagehand

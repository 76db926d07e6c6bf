#include "detail/InspectView.h"

#include "detail/InspectMasker.h"
#include "detail/InspectSummary.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stagehand {

InspectView::InspectView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rawToggle = new QCheckBox(tr("Show raw JSON"), this);
    m_rawToggle->setObjectName(QStringLiteral("rawJsonCheck"));
    layout->addWidget(m_rawToggle);
    m_stack = new QStackedWidget(this);
    m_tree = new QTreeWidget(m_stack);
    m_tree->setObjectName(QStringLiteral("inspectTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_raw = new QPlainTextEdit(m_stack);
    m_raw->setObjectName(QStringLiteral("inspectRaw"));
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_raw);
    layout->addWidget(m_stack, 1);
    connect(m_rawToggle, &QCheckBox::toggled, this,
            [this](bool on) { m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_raw) : m_tree); });
}

void InspectView::setRawShown(bool shown)
{
    m_rawToggle->setChecked(shown);
}

void InspectView::clear()
{
    m_masked = {};
    m_tree->clear();
    m_raw->clear();
}

void InspectView::setInspect(const QJsonObject &raw)
{
    m_masked = InspectMasker::maskInspect(raw);
    m_tree->clear();
    for (const InspectSection &section : InspectSummary::sections(m_masked)) {
        // Lists (ports, mounts, ...) show their length; the fixed sections do not.
        const bool list = section.title != InspectSummary::tr("State") && section.title != InspectSummary::tr("General");
        const QString title = list && !section.rows.isEmpty()
                                  ? QStringLiteral("%1 (%2)").arg(section.title).arg(section.rows.size())
                                  : section.title;
        auto *top = new QTreeWidgetItem(m_tree, {title, section.rows.isEmpty() ? tr("none") : QString()});
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const auto &[key, value] : section.rows) {
            auto *item = new QTreeWidgetItem(top, {key, value});
            item->setToolTip(1, value);
        }
        top->setExpanded(!section.rows.isEmpty() && section.title != InspectSummary::tr("Labels"));
    }
    m_raw->setPlainText(QString::fromUtf8(QJsonDocument(m_masked).toJson(QJsonDocument::Indented)));
}

} // namespace stagehand

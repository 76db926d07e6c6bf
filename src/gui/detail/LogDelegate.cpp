#include "detail/LogDelegate.h"

#include "detail/LogModel.h"

#include <QApplication>
#include <QDateTime>
#include <QFontDatabase>
#include <QPainter>

#include <array>

namespace stagehand {

namespace {

constexpr int MaximumPaintedCharacters = 4000; // a longer line is cut when painted (the tooltip has it all)
constexpr int Padding = 6;

} // namespace

LogDelegate::LogDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_font(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
}

QColor LogDelegate::sourceColour(int source)
{
    static const std::array<QColor, 10> palette{QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                                QColor(0xd6, 0x27, 0x8a), QColor(0x8c, 0x56, 0x4b), QColor(0x17, 0xa2, 0xb8),
                                                QColor(0xe3, 0x77, 0x0c), QColor(0x7f, 0x7f, 0x00), QColor(0x3f, 0x51, 0xb5),
                                                QColor(0x00, 0x89, 0x6f)};
    return palette[std::size_t(std::abs(source)) % palette.size()];
}

QString LogDelegate::displayTime(const QDateTime &utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) : QString();
}

QSize LogDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics metrics(m_font);
    return {option.rect.width() > 0 ? option.rect.width() : 400, metrics.height() + 4};
}

void LogDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const bool stderrLine = index.data(LogModel::StderrRole).toBool();
    const bool selected = option.state & QStyle::State_Selected;
    const QRect rect = option.rect;

    if (selected)
        painter->fillRect(rect, option.palette.highlight());
    else if (stderrLine)
        painter->fillRect(rect, stderrBackground());
    if (stderrLine)
        painter->fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), stderrColour());

    painter->setFont(m_font);
    const QFontMetrics metrics(m_font);
    const int baseline = rect.top() + (rect.height() - metrics.height()) / 2 + metrics.ascent();
    int x = rect.left() + Padding;
    const QColor textColour =
        selected ? option.palette.highlightedText().color() : (stderrLine ? stderrColour() : option.palette.text().color());

    if (m_timestamps) {
        const QString time = displayTime(index.data(LogModel::TimeRole).toDateTime());
        painter->setPen(selected ? textColour : QColor(0x80, 0x80, 0x80));
        painter->drawText(x, baseline, time);
        x += metrics.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000")) + Padding;
    }
    if (m_sources) {
        const QString source = index.data(LogModel::SourceRole).toString();
        QFont bold = m_font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(selected ? textColour : sourceColour(index.data(LogModel::SourceIndexRole).toInt()));
        painter->drawText(x, baseline, source);
        x += QFontMetrics(bold).horizontalAdvance(QString(m_sourceCharacters, u'M')) + Padding;
        painter->setFont(m_font);
    }

    QString text = index.data(Qt::DisplayRole).toString();
    if (text.size() > MaximumPaintedCharacters)
        text.truncate(MaximumPaintedCharacters);
    text.replace(u'\t', QStringLiteral("    "));

    if (!m_search.pattern().isEmpty() && m_search.isValid()) {
        auto matches = m_search.globalMatch(text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            if (match.capturedLength() == 0)
                continue;
            const int left = x + metrics.horizontalAdvance(text.left(match.capturedStart()));
            const int width = metrics.horizontalAdvance(match.captured());
            if (left > rect.right())
                break;
            painter->fillRect(QRect(left, rect.top() + 1, width, rect.height() - 2), matchBackground());
        }
    }
    painter->setPen(textColour);
    painter->setClipRect(rect);
    painter->drawText(x, baseline, text);
    painter->restore();
}

} // namespace stagehand

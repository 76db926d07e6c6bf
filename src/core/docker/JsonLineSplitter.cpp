#include "docker/JsonLineSplitter.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <utility>

namespace stagehand {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QString snippet(QByteArrayView text)
{
    constexpr qsizetype max = 120;
    QString shown = QString::fromUtf8(text.first(std::min(text.size(), max))).trimmed();
    if (text.size() > max)
        shown += QStringLiteral("…");
    return shown;
}

} // namespace

void JsonLineSplitter::addError(const QString &what, QByteArrayView text)
{
    m_errors.append(QStringLiteral("%1: %2").arg(what, snippet(text)));
}

QList<QJsonObject> JsonLineSplitter::feed(QByteArrayView bytes)
{
    QList<QJsonObject> out;
    m_buffer.append(bytes);

    qsizetype consumed = 0; // bytes of m_buffer that are done with
    qsizetype i = m_scanned;
    const qsizetype size = m_buffer.size();
    for (; i < size; ++i) {
        const char c = m_buffer.at(i);
        bool cutShort = false;
        switch (m_state) {
        case State::Between:
            if (isSpace(c)) {
                consumed = i + 1;
            } else if (c == '{' || c == '[') {
                consumed = i;
                m_state = State::InValue;
                m_depth = 1;
            } else {
                consumed = i;
                m_state = State::Garbage;
            }
            break;
        case State::Garbage:
            if (c == '\n') {
                addError(QStringLiteral("not JSON"), QByteArrayView(m_buffer).sliced(consumed, i - consumed));
                consumed = i + 1;
                m_state = State::Between;
            }
            break;
        case State::InString:
            if (c == '\\')
                m_state = State::Escape;
            else if (c == '"')
                m_state = State::InValue;
            else if (c == '\n')
                cutShort = true;
            break;
        case State::Escape:
            if (c == '\n')
                cutShort = true;
            else
                m_state = State::InString;
            break;
        case State::InValue:
            if (c == '"') {
                m_state = State::InString;
            } else if (c == '{' || c == '[') {
                ++m_depth;
            } else if (c == '}' || c == ']') {
                if (--m_depth == 0) {
                    const QByteArray value = m_buffer.mid(consumed, i + 1 - consumed);
                    QJsonParseError error;
                    const QJsonDocument document = QJsonDocument::fromJson(value, &error);
                    if (error.error != QJsonParseError::NoError)
                        addError(QStringLiteral("malformed JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset), value);
                    else if (!document.isObject())
                        addError(QStringLiteral("not a JSON object"), value);
                    else
                        out.append(document.object());
                    consumed = i + 1;
                    m_state = State::Between;
                }
            } else if (c == '\n') {
                cutShort = true;
            }
            break;
        }
        if (!cutShort)
            continue;
        addError(QStringLiteral("incomplete JSON object before the end of the line"),
                 QByteArrayView(m_buffer).sliced(consumed, i - consumed));
        consumed = i + 1;
        m_state = State::Between;
        m_depth = 0;
    }

    m_buffer.remove(0, consumed);
    m_scanned = m_buffer.size();
    if (m_state == State::Between) {
        // only whitespace can be left, and it was consumed
        m_buffer.clear();
        m_scanned = 0;
    } else if (m_buffer.size() > MaxValueSize) {
        addError(QStringLiteral("JSON value longer than %1 bytes dropped").arg(MaxValueSize), m_buffer);
        m_buffer.clear();
        m_scanned = 0;
        // keep skipping the rest of this value up to the next newline
        m_state = State::Garbage;
        m_depth = 0;
    }
    return out;
}

QStringList JsonLineSplitter::takeErrors()
{
    return std::exchange(m_errors, QStringList());
}

bool JsonLineSplitter::hasPartial() const
{
    return m_state != State::Between;
}

void JsonLineSplitter::finish()
{
    if (m_state == State::Garbage)
        addError(QStringLiteral("not JSON"), m_buffer);
    else if (m_state != State::Between)
        addError(QStringLiteral("incomplete JSON object at the end of the stream"), m_buffer);
    m_buffer.clear();
    m_scanned = 0;
    m_state = State::Between;
    m_depth = 0;
}

} // namespace stagehand

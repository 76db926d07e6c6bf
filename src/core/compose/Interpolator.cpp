#include "compose/Interpolator.h"

#include <QSet>

#include <utility>

namespace stagehand {

namespace {

// Expressions nested deeper than this (${A:-${B:-${C:-...}}}) are rejected, which bounds the
// recursion of the parser below; no real Compose file comes anywhere near it.
constexpr int kMaxNesting = 64;

// How much of a faulty expression an error message quotes.
constexpr qsizetype kMaxQuoted = 60;

bool isNameStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || u == u'_';
}

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return isNameStart(c) || (u >= u'0' && u <= u'9');
}

// One pass over the text that parses and evaluates at the same time (a recursive-descent parser
// whose depth is bounded by kMaxNesting, so every character is looked at a constant number of
// times). The word of an operator (a default, an alternative, an error message) is evaluated
// only when the operator needs it, like a POSIX shell does; a word that is not needed is still
// parsed, so syntax errors and referenced variables are found everywhere.
//
// Rules for '$' (those of compose-go's template package, whose pattern only matches "$$",
// "$NAME" and "${...}"):
//   "$$"                      -> "$"
//   "$NAME", "${...}"         -> substituted
//   "$" + anything else       -> left as is: "$1", "$ ", "$-", "$}" and a trailing "$" stay
//                                literal text (inside a word, "${A:-$}" gives "$")
//   "${" + anything invalid   -> an error ("${", "${}", "${1A}", "${ A}", "${A", "${A:x}", "${A!}")
// There are no backslash escapes, and a '{' inside a word is plain text: the first '}' that
// does not close a nested "${" closes the expression, as in a shell.
class Parser {
public:
    Parser(QStringView text, const Interpolator::Lookup &lookup, Interpolator::Result &result)
        : m_text(text)
        , m_lookup(lookup)
        , m_result(result)
    {
    }

    void run()
    {
        QString out;
        out.reserve(m_text.size());
        if (parseWord(0, &out)) {
            m_result.ok = true;
            m_result.value = std::move(out);
        }
    }

private:
    // Parses text up to the end (depth 0) or up to the '}' that closes the enclosing expression
    // (depth > 0, the '}' is left for the caller). Appends the value to out unless out is null.
    bool parseWord(int depth, QString *out)
    {
        const qsizetype size = m_text.size();
        qsizetype runStart = m_pos;
        while (m_pos < size) {
            const QChar c = m_text[m_pos];
            if (c == u'}' && depth > 0)
                break;
            if (c != u'$') {
                ++m_pos;
                continue;
            }
            if (out)
                out->append(m_text.mid(runStart, m_pos - runStart));
            if (!parseDollar(depth, out))
                return false;
            runStart = m_pos;
        }
        if (out)
            out->append(m_text.mid(runStart, m_pos - runStart));
        return true;
    }

    // At a '$'.
    bool parseDollar(int depth, QString *out)
    {
        const qsizetype start = m_pos;
        const qsizetype next = start + 1;
        if (next >= m_text.size()) { // a trailing '$'
            if (out)
                out->append(u'$');
            m_pos = next;
            return true;
        }
        const QChar c = m_text[next];
        if (c == u'$') {
            if (out)
                out->append(u'$');
            m_pos = next + 1;
            return true;
        }
        if (isNameStart(c)) {
            m_pos = next;
            const QString name = readName();
            substitute(name, out);
            return true;
        }
        if (c == u'{')
            return parseBraced(start, depth, out);
        // '$' followed by something that cannot start a name: literal.
        if (out)
            out->append(u'$');
        m_pos = next;
        return true;
    }

    // At "${" (start is the offset of the '$').
    bool parseBraced(qsizetype start, int depth, QString *out)
    {
        if (depth >= kMaxNesting)
            return syntaxError(start, QStringLiteral("expressions are nested more than %1 levels deep").arg(kMaxNesting));
        const qsizetype size = m_text.size();
        m_pos = start + 2;
        if (m_pos >= size)
            return syntaxError(start, QStringLiteral("missing variable name and closing '}'"));
        if (m_text[m_pos] == u'}')
            return syntaxError(start, QStringLiteral("empty variable name"));
        if (!isNameStart(m_text[m_pos]))
            return syntaxError(start,
                               QStringLiteral("a variable name must start with a letter or '_', not '%1'").arg(m_text[m_pos]));
        const QString name = readName();
        if (m_pos >= size)
            return syntaxError(start, QStringLiteral("missing closing '}'"));
        if (m_text[m_pos] == u'}') {
            ++m_pos;
            substitute(name, out);
            return true;
        }

        const bool colon = m_text[m_pos] == u':';
        if (colon)
            ++m_pos;
        if (m_pos >= size)
            return syntaxError(start, QStringLiteral("missing closing '}'"));
        const QChar op = m_text[m_pos];
        if (op != u'-' && op != u'?' && op != u'+') {
            const QString found = op == u'\n' ? (colon ? QStringLiteral("':' and a line break") : QStringLiteral("a line break"))
                                               : QStringLiteral("'%1'").arg(colon ? QString(QStringLiteral(":") + op) : QString(op));
            return syntaxError(start, QStringLiteral("unexpected %1 after the variable name %2 "
                                                     "(expected '}', ':-', '-', ':?', '?', ':+' or '+')")
                                          .arg(found, name));
        }
        ++m_pos;

        reference(name);
        std::optional<QString> value;
        bool wordNeeded = false;
        if (out) {
            value = lookup(name);
            const bool set = value.has_value();
            const bool nonEmpty = set && !value->isEmpty();
            if (op == u'+')
                wordNeeded = colon ? nonEmpty : set; // the alternative
            else
                wordNeeded = colon ? !nonEmpty : !set; // the default, or the message of the error to report
        }

        QString word;
        if (!parseWord(depth + 1, wordNeeded ? &word : nullptr))
            return false;
        if (m_pos >= size)
            return syntaxError(start, QStringLiteral("missing closing '}'"));
        ++m_pos; // the '}'

        if (!out)
            return true;
        if (op == u'?') {
            if (wordNeeded) {
                m_result.ok = false;
                m_result.errorOffset = start;
                m_result.error = word.isEmpty() ? QStringLiteral("required variable %1 is missing a value").arg(name)
                                                : QStringLiteral("required variable %1 is missing a value: %2").arg(name, word);
                return false;
            }
            out->append(*value);
        } else if (wordNeeded) {
            out->append(word);
        } else if (op == u'-') {
            out->append(*value);
        }
        // ':+' / '+' when not applicable: the empty string.
        return true;
    }

    QString readName()
    {
        const qsizetype begin = m_pos;
        while (m_pos < m_text.size() && isNameChar(m_text[m_pos]))
            ++m_pos;
        return m_text.mid(begin, m_pos - begin).toString();
    }

    // A plain $NAME or ${NAME}.
    void substitute(const QString &name, QString *out)
    {
        reference(name);
        if (!out)
            return;
        const std::optional<QString> value = lookup(name);
        if (value) {
            out->append(*value);
        } else if (!m_unsetSeen.contains(name)) {
            m_unsetSeen.insert(name);
            m_result.unset.append(name);
        }
    }

    void reference(const QString &name)
    {
        if (m_referencedSeen.contains(name))
            return;
        m_referencedSeen.insert(name);
        m_result.referenced.append(name);
    }

    std::optional<QString> lookup(const QString &name) const
    {
        if (!m_lookup)
            return std::nullopt;
        return m_lookup(name);
    }

    // The expression starting at offset start as the user wrote it: up to its first '}', shortened.
    QString quoted(qsizetype start) const
    {
        qsizetype end = m_text.indexOf(u'}', start);
        end = end < 0 ? m_text.size() : end + 1;
        // Within its line: a block scalar's next lines are not part of the faulty expression.
        if (const qsizetype lineEnd = m_text.indexOf(u'\n', start); lineEnd >= 0 && lineEnd < end)
            end = lineEnd;
        if (end - start > kMaxQuoted)
            return m_text.mid(start, kMaxQuoted).toString() + QStringLiteral("...");
        return m_text.mid(start, end - start).toString();
    }

    bool syntaxError(qsizetype start, const QString &reason)
    {
        m_result.ok = false;
        m_result.errorOffset = start;
        m_result.error =
            QStringLiteral("invalid interpolation \"%1\": %2 (write \"$$\" for a literal \"$\")").arg(quoted(start), reason);
        return false;
    }

    QStringView m_text;
    const Interpolator::Lookup &m_lookup;
    Interpolator::Result &m_result;
    qsizetype m_pos = 0;
    QSet<QString> m_referencedSeen;
    QSet<QString> m_unsetSeen;
};

} // namespace

Interpolator::Interpolator(Lookup lookup)
    : m_lookup(std::move(lookup))
{
}

Interpolator::Result Interpolator::interpolate(QStringView text) const
{
    Result result;
    Parser parser(text, m_lookup, result);
    parser.run();
    if (!result.ok)
        result.value.clear();
    return result;
}

} // namespace stagehand

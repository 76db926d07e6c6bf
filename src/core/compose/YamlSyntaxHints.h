#pragma once

#include <QByteArray>
#include <QString>

namespace stagehand {

// Turns a YAML parser's terse complaint ("end of map not found" at the line after the mistake)
// into what a person most likely did and where: a tab in the indentation, a quote or bracket
// left open, a line indented to no enclosing level. Used only once parsing has failed, so the
// guesses never touch a valid document.
class YamlSyntaxHints {
public:
    struct Hint {
        int line = 0;   // 1-based; 0: unknown
        int column = 0; // 1-based; 0: unknown
        QString message;
    };

    // text: the whole document; line, column: where the parser stopped (1-based, 0 when unknown);
    // raw: the parser's own message.
    static Hint explain(const QString &text, int line, int column, const QString &raw);

    // The offset just after the quote that closes the quoted scalar whose opening quote (' or ")
    // is at offset open, following YAML's rules (\" escapes in double quotes, '' in single ones);
    // -1 when the file ends first.
    static qsizetype closingQuote(const QByteArray &utf8, qsizetype open);
};

} // namespace stagehand

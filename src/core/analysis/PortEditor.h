#pragma once

#include "analysis/PortSuggestion.h"
#include "util/SourceLocation.h"

#include <QHash>
#include <QString>

namespace stagehand {

// One prepared change to a compose file: the published port of one port entry, rewritten in place.
struct PortEdit {
    QString file;
    int line = 0;        // where the replaced characters start (1-based; the column counts bytes,
    int column = 0;      // as the loader's locations do)
    QString before;      // the characters replaced: "8001", "8000-8002", or a variable's default "18001"
    QString after;       // what replaces them
    QString variable;    // set when the edit changes the default N of ${variable:-N}
    QString description; // what the edit does, in a sentence
    QString error;       // why the port cannot be changed here; empty when the edit is ready
    QString originalText;
    QString newText;     // the whole file after the edit (for a diff), empty on error

    bool ok() const { return error.isEmpty(); }
};

// Applies a port suggestion to the compose file it comes from, changing only the published port's
// characters: comments, quoting, order and layout stay as they are.
//
// The location is the port entry's (a PortMapping's): a short-syntax string, quoted or not
// ("8001:8001", - 127.0.0.1:8001:8001, "[::1]:8001:80/udp"), or a long-syntax mapping, in block
// or flow style, whose `published` key may be on a later line. A published port written as
// ${VAR:-N} (or ${VAR-N}) gets a new default N when VAR is set neither in the given variables nor
// (as the file's default differing from the port in use shows) anywhere else; any other variable
// is refused, naming the variable to set instead.
class PortEditor {
public:
    // setVariables: the variables set where the environment is resolved (its env file and the shell).
    explicit PortEditor(QHash<QString, QString> setVariables = {});

    // Pure: the edit of `text` that moves the entry at `where` from fromPort[-fromPortEnd] to
    // toPort (keeping the range's width).
    PortEdit prepare(const QString &text, const SourceLocation &where, int fromPort, int fromPortEnd, int toPort) const;
    // Reads suggestion.location's file.
    PortEdit prepare(const PortSuggestion &suggestion) const;
    // prepare(), then write() when asked to.
    PortEdit apply(const PortSuggestion &suggestion, bool writeFile) const;

    // Writes edit.newText atomically (QSaveFile), refusing if the file no longer holds edit.originalText.
    static bool write(const PortEdit &edit, QString *error);

private:
    QHash<QString, QString> m_setVariables;
};

} // namespace stagehand

#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <optional>

namespace stagehand {

// Compose-specification variable interpolation of one string:
// $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}, ${VAR:+alt}, ${VAR+alt}, $$,
// with nested expressions in defaults, alternatives and error messages.
class Interpolator {
public:
    // Looks a variable up: its value, or nullopt when it is not set at all (set-but-empty is "").
    using Lookup = std::function<std::optional<QString>(const QString &name)>;

    struct Result {
        bool ok = true;
        QString value;            // the interpolated text ("$$" became "$")
        QString error;            // when !ok: what is wrong, e.g. "required variable DB_PASSWORD is missing a value: set it"
        qsizetype errorOffset = -1; // when !ok: offset in the input of the expression at fault
        QStringList referenced;   // every variable name the text refers to, in order of appearance, no duplicates
        QStringList unset;        // referenced variables that were unset and had no default: replaced by "" (Compose warns)
    };

    explicit Interpolator(Lookup lookup);

    Result interpolate(QStringView text) const;

private:
    Lookup m_lookup;
};

} // namespace stagehand

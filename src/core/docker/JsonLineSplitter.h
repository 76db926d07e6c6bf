#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace stagehand {

// Splits the engine's streaming JSON (events, stats, pull/build progress) into objects. The engine
// writes compact objects, one per line, but a reader sees them in arbitrary pieces, and some streams
// concatenate objects with no separator at all: feed() returns every object completed by the bytes
// given so far, in order, as soon as its closing brace arrives, and keeps the rest.
// Malformed input is never fatal: a value that fails to parse, a top-level value that is not an
// object, stray text between objects (up to the end of its line) and an object cut short by a newline
// (the engine never puts a raw newline inside an object) each become one message in the errors, and
// reading resumes after it. Consequently pretty-printed (multi-line) JSON is not supported.
class JsonLineSplitter {
public:
    QList<QJsonObject> feed(QByteArrayView bytes);
    QStringList takeErrors();

    // Reports (as an error) a value left incomplete at the end of the stream, and resets.
    void finish();
    bool hasPartial() const;

    // A pending value longer than this is dropped with an error (protects against a runaway stream).
    static constexpr qsizetype MaxValueSize = 64 * 1024 * 1024;

private:
    enum class State { Between, InValue, InString, Escape, Garbage };

    void addError(const QString &what, QByteArrayView text);

    QByteArray m_buffer;      // unconsumed bytes; the current value or garbage starts at 0
    qsizetype m_scanned = 0;  // bytes of m_buffer already scanned
    State m_state = State::Between;
    int m_depth = 0;
    QStringList m_errors;
};

} // namespace stagehand

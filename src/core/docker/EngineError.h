#pragma once

#include <QString>

namespace stagehand {

// Why a request to the Docker engine failed, classified so callers (and users) can act on it:
// reason says what happened, hint what to do about it.
struct EngineError {
    enum class Kind {
        None,             // no error
        Unreachable,      // nothing listens at the endpoint (ENOENT, ECONNREFUSED, host unknown)
        PermissionDenied, // the socket exists but this user may not open it
        Tls,              // the TLS handshake failed (certificate, CA, key)
        Timeout,          // connecting (or a bounded request) took too long
        Cancelled,        // the caller cancelled the request
        ConnectionLost,   // the connection broke after the request was sent (engine stopped mid-stream)
        Http,             // the engine answered with an HTTP error; message is the engine's own
        Protocol,         // the answer could not be understood (bad JSON, unexpected shape)
    };

    Kind kind = Kind::None;
    int httpStatus = 0; // for Http (and any answered request)
    QString message;    // the reason, for people ("no such container: abc")
    QString hint;       // what to do about it; may be empty

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }
    // The engine answers again later: worth a reconnect.
    bool isConnectionProblem() const
    {
        return kind == Kind::Unreachable || kind == Kind::ConnectionLost || kind == Kind::Timeout;
    }
    // "message (hint)" or just the message
    QString toString() const { return hint.isEmpty() ? message : message + QStringLiteral(": ") + hint; }

    static EngineError http(int status, const QString &message)
    {
        return EngineError{Kind::Http, status, message, {}};
    }
    static EngineError protocol(const QString &message) { return EngineError{Kind::Protocol, 0, message, {}}; }
    static EngineError cancelled() { return EngineError{Kind::Cancelled, 0, QStringLiteral("cancelled"), {}}; }
};

} // namespace stagehand

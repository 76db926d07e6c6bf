#pragma once

#include <QString>

#include <optional>

namespace stagehand {

// Where a Docker engine listens and how to talk to it: a Unix socket, or TCP with optional TLS.
// source says where the choice came from (see EngineEndpointResolver): "--host", "--context NAME",
// "project", "DOCKER_HOST", "context NAME" or "default".
struct EngineEndpoint {
    enum class Kind { Unix, Tcp };
    Kind kind = Kind::Unix;
    QString path = QStringLiteral("/var/run/docker.sock");
    QString host;
    int port = 0;
    bool tls = false;
    bool tlsVerify = true;
    QString caFile, certFile, keyFile;
    QString source;

    // True when parse() chose the port because the string had none (2375, or 2376 once TLS is on).
    bool defaultPort = false;

    // The DOCKER_HOST-style form: "unix:///var/run/docker.sock", "tcp://host:2376", "tcp://[::1]:2375".
    QString toString() const;

    // Turns TLS on (verifying the server unless verify is false); a defaulted port becomes 2376.
    void enableTls(bool verify);

    // Reads a DOCKER_HOST-style string: "unix:///path" ("unix://" alone: the default socket),
    // "tcp://host[:port]" (IPv6 as "[::1]"; default port 2375), or "host:port" / ":port" without a
    // scheme (tcp, as the docker CLI reads it; a missing host means 127.0.0.1). ssh:// is "not supported
    // yet"; npipe:// (Windows), fd:// and other schemes are errors. Surrounding whitespace is ignored.
    static std::optional<EngineEndpoint> parse(const QString &dockerHost, QString *error = nullptr);

    static constexpr int DefaultTcpPort = 2375;
    static constexpr int DefaultTlsPort = 2376;
};

} // namespace stagehand

#pragma once

#include <QByteArray>
#include <QString>

namespace stagehand {

// Registry credentials for pulls and pushes, as the X-Registry-Auth header wants them.
class RegistryAuth {
public:
    // The base64url (with padding, as Go's base64.URLEncoding) JSON {"username", "password",
    // "serveraddress"} (plus "identitytoken" when the config has one) for the registry of
    // imageReference, from <dockerConfigDir>/config.json "auths" ("auth": base64 of "user:password",
    // or "username"/"password"). A key matches exactly, or when its host (scheme and path stripped)
    // equals the registry's host, as the docker CLI matches them. Empty when there are no credentials
    // (no config, no entry: not an error). Credential helpers (credsStore, or a credHelpers entry for
    // the registry) are not supported here: empty, and *error says so; so does a malformed file or entry.
    // dockerConfigDir empty: $DOCKER_CONFIG, else ~/.docker.
    static QByteArray headerFor(const QString &imageReference, const QString &dockerConfigDir = {},
                                QString *error = nullptr);

    // The X-Registry-Config header of POST /build: base64url JSON {"<registry>": {"username",
    // "password", "serveraddress"}, ...} with the credentials of every "auths" entry (as headerFor()
    // reads each), for the FROM images the engine pulls. Empty without credentials.
    static QByteArray buildConfigHeader(const QString &dockerConfigDir = {}, QString *error = nullptr);

    // The registry an image reference names, as a config.json "auths" key: Docker Hub (no registry
    // part, or docker.io / index.docker.io / registry-1.docker.io) is "https://index.docker.io/v1/";
    // otherwise the first path component when it has a "." or ":" or is "localhost" ("localhost:5000").
    static QString registryOf(const QString &imageReference);

    // "https://host:5000/v2/" -> "host:5000" (the docker CLI's ConvertToHostname).
    static QString hostnameOf(const QString &serverAddress);

    static QString dockerHubServer() { return QStringLiteral("https://index.docker.io/v1/"); }
};

} // namespace stagehand

#pragma once

#include "compose/Interpolator.h"
#include "compose/ParseContext.h"
#include "model/Service.h"

namespace stagehand {

// Reads one merged, interpolated service definition into a Service.
class ServiceParser {
public:
    // workingDir: the project directory relative paths resolve against.
    // lookup: the interpolation variables (for `environment: [NAME]` entries and env files).
    ServiceParser(ParseContext &context, QString workingDir, Interpolator::Lookup lookup);

    Service parse(const QString &name, const YamlNode::Entry &definition);

    // A path from a compose file made absolute against the working directory (~ is the home folder).
    static QString absolutePath(const QString &workingDir, const QString &path);

private:
    void parseKey(Service &service, const QString &key, const YamlNode &value);
    void parseBuild(Service &service, const YamlNode &value);
    void parseEnvFiles(Service &service, const YamlNode &value);
    void parsePorts(Service &service, const YamlNode &value);
    void parseVolumes(Service &service, const YamlNode &value);
    void parseNetworks(Service &service, const YamlNode &value);
    void parseDependsOn(Service &service, const YamlNode &value);
    void parseHealthcheck(Service &service, const YamlNode &value);
    void parseDeploy(Service &service, const YamlNode &value);
    void parseResourceSpec(ResourceSpec &spec, QJsonObject &other, const YamlNode &value, const QString &what);
    void parseLogging(Service &service, const YamlNode &value);
    QList<FileReference> parseFileReferences(const YamlNode &value, const QString &what);

    ParseContext &m_ctx;
    QString m_workingDir;
    Interpolator::Lookup m_lookup;
    QString m_service;
    QMap<QString, std::optional<QString>> m_fromEnvFiles;
};

} // namespace stagehand

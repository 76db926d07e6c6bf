#pragma once

#include "compose/Interpolator.h"
#include "compose/ParseContext.h"
#include "model/ComposeModel.h"

namespace stagehand {

// Turns a merged, interpolated Compose document into a ComposeModel and checks what the
// specification requires across definitions: dependencies exist and have no cycle, referenced
// networks, volumes, secrets and configs are declared.
class ComposeParser {
public:
    ComposeParser(Diagnostics &diagnostics, QString workingDir, Interpolator::Lookup lookup);

    // projectName: the name to use when the document does not set one (may be overridden by it).
    ComposeModel parse(const YamlNode &root, const QString &projectName, const QStringList &activeProfiles);

    // Every depends_on cycle, as the list of services around it ("a -> b -> a").
    static QList<QStringList> dependencyCycles(const ComposeModel &model);

private:
    void parseNetworks(ComposeModel &model, const YamlNode &value);
    void parseVolumes(ComposeModel &model, const YamlNode &value);
    void parseFileObjects(QMap<QString, FileObjectDefinition> &target, const YamlNode &value, bool isSecret,
                          const QString &projectName);
    void crossCheck(ComposeModel &model);

    Diagnostics &m_diagnostics;
    ParseContext m_ctx;
    QString m_workingDir;
    Interpolator::Lookup m_lookup;
};

} // namespace stagehand

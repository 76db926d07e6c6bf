#pragma once

#include "model/Service.h"
#include "util/Diagnostic.h"

#include <QJsonValue>
#include <QString>

namespace stagehand {

// Reports what of a service a single engine cannot apply, as "deploy-unsupported" errors at the
// key's place naming service and key; silent when there is no list (blueprints() builds the same
// body and leaves those parts out). Used by ContainerConfigBuilder's draft of a container.
class DraftReporter {
public:
    // The Engine API version Stagehand speaks to the engines it deploys to (Docker 20.10).
    static constexpr const char *EngineApi = "1.41";

    DraftReporter(const Service &service, Diagnostics *out);

    // "service '<name>': '<key>' <why>" at where.
    void at(const SourceLocation &where, const QString &key, const QString &why) const;
    // At the service's top-level key (the first part of a dotted key: "deploy.placement" -> deploy).
    void key(const QString &key, const QString &why) const;
    void swarm(const QString &name) const;
    void api(const QString &name, const char *version, const char *docker) const;
    void windows(const QString &name) const;
    void unmapped(const QString &name, const QString &why = {}) const;
    // The value, as compact JSON, is quoted in the message.
    void invalid(const QString &name, const QJsonValue &value) const;

private:
    const Service &m_service;
    Diagnostics *m_out;
};

} // namespace stagehand

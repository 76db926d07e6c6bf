#include "deploy/DraftReporter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace stagehand {

DraftReporter::DraftReporter(const Service &service, Diagnostics *out)
    : m_service(service)
    , m_out(out)
{
}

void DraftReporter::at(const SourceLocation &where, const QString &key, const QString &why) const
{
    if (!m_out)
        return;
    Diagnostic d = Diagnostic::error(where, QStringLiteral("service '%1': '%2' %3").arg(m_service.name, key, why));
    d.service = m_service.name;
    d.rule = QStringLiteral("deploy-unsupported");
    m_out->append(d);
}

void DraftReporter::key(const QString &key, const QString &why) const
{
    at(m_service.locationOf(key.section(QLatin1Char('.'), 0, 0)), key, why);
}

void DraftReporter::swarm(const QString &name) const
{
    key(name, QStringLiteral("is a swarm setting: a single engine cannot apply it"));
}

void DraftReporter::api(const QString &name, const char *version, const char *docker) const
{
    key(name, QStringLiteral("needs Engine API %1 (Docker %2); Stagehand deploys with API %3")
                  .arg(QLatin1String(version), QLatin1String(docker), QLatin1String(EngineApi)));
}

void DraftReporter::windows(const QString &name) const
{
    key(name, QStringLiteral("applies to Windows containers only"));
}

void DraftReporter::unmapped(const QString &name, const QString &why) const
{
    key(name, why.isEmpty() ? QStringLiteral("is not supported by Stagehand's deployer") : why);
}

void DraftReporter::invalid(const QString &name, const QJsonValue &value) const
{
    key(name, QStringLiteral("has a value Stagehand cannot read: %1")
                  .arg(QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1))));
}

} // namespace stagehand

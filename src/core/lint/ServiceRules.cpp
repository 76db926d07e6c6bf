#include "lint/ServiceRules.h"

#include "compose/ComposeParser.h"
#include "lint/LintRule.h"

#include <QRegularExpression>
#include <QSet>

namespace stagehand {
namespace {

SourceLocation textLocation(const YamlNode *node, const SourceLocation &fallback)
{
    if (!node)
        return fallback;
    SourceLocation where = node->location();
    if (node->isScalar() && node->textColumn() > 0)
        where.column = node->textColumn();
    return where;
}

bool hasNoHealthcheck(const Service &service)
{
    if (!service.healthcheck)
        return true;
    return service.healthcheck->disable
           || (!service.healthcheck->test.isEmpty() && service.healthcheck->test.first().compare(QLatin1String("NONE"), Qt::CaseInsensitive) == 0);
}

QString quoted(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out.append(u'\'' + name + u'\'');
    return out.join(QStringLiteral(", "));
}

} // namespace

std::optional<QString> ServiceRules::floatingTag(const QString &image)
{
    if (image.isEmpty() || image.contains(u'@'))
        return std::nullopt;
    const qsizetype slash = image.lastIndexOf(u'/');
    const qsizetype colon = image.lastIndexOf(u':');
    if (colon <= slash)
        return QString();
    const QString tag = image.mid(colon + 1);
    if (tag.compare(QLatin1String("latest"), Qt::CaseInsensitive) == 0)
        return tag;
    return std::nullopt;
}

void ServiceRules::imageTags(const LintContext &context, Diagnostics &findings)
{
    const ComposeModel *model = context.model();
    if (!model)
        return;
    for (const Service &service : model->services) {
        // With a build section the image names what is built here: nothing is pulled.
        if (service.build)
            continue;
        const std::optional<QString> tag = floatingTag(service.image);
        if (!tag)
            continue;
        const SourceLocation where = textLocation(context.serviceValue(service.name, QStringLiteral("image")),
                                                  service.locationOf(QStringLiteral("image")));
        const QString message = tag->isEmpty()
            ? QStringLiteral("service '%1' uses the image %2 without a tag, which means :latest: each pull may bring a different version")
                  .arg(service.name, service.image)
            : QStringLiteral("service '%1' uses %2: each pull may bring a different version").arg(service.name, service.image);
        const QString repository = tag->isEmpty() ? service.image : service.image.left(service.image.size() - tag->size() - 1);
        findings.append(LintRule::finding(Diagnostic::Severity::Warning, LintRule::imageLatest(), where, service.name, message,
            QStringLiteral("pin a version (%1:<version>) or a digest (%1@sha256:...), so that every environment runs what "
                           "was tested and a rollback returns to the same image").arg(repository)));
    }
}

void ServiceRules::healthchecks(const LintContext &context, Diagnostics &findings)
{
    const ComposeModel *model = context.model();
    if (!model)
        return;
    for (const Service &service : model->services) {
        if (!hasNoHealthcheck(service))
            continue;
        QStringList waiting;
        QStringList places;
        for (const Service &other : model->services) {
            for (const ServiceDependency &dependency : other.dependsOn) {
                if (dependency.service == service.name && dependency.condition == ServiceDependency::Condition::Healthy) {
                    waiting.append(other.name);
                    places.append(context.displayLocation(dependency.location));
                }
            }
        }
        if (waiting.isEmpty())
            continue;
        const bool disabled = service.healthcheck.has_value();
        const SourceLocation where = disabled ? service.healthcheck->location : service.location;
        const QString what = disabled ? QStringLiteral("has its healthcheck disabled") : QStringLiteral("has no healthcheck");
        const QString message = QStringLiteral("service '%1' %2, but %3 %4 for it with condition: service_healthy (%5): "
                                               "the deploy stops there")
                                    .arg(service.name, what, quoted(waiting),
                                         waiting.size() == 1 ? QStringLiteral("waits") : QStringLiteral("wait"),
                                         places.join(QStringLiteral(", ")));
        findings.append(LintRule::finding(Diagnostic::Severity::Error, LintRule::healthcheckMissing(), where, service.name, message,
            QStringLiteral("give '%1' a healthcheck (test: [\"CMD\", ...] that succeeds once it serves), or wait for it with "
                           "condition: service_started; only an image with its own HEALTHCHECK gets by without one")
                .arg(service.name)));
    }
}

void ServiceRules::dependencyCycles(const LintContext &context, Diagnostics &findings)
{
    const ComposeModel *model = context.model();
    if (!model)
        return;
    for (const QStringList &cycle : ComposeParser::dependencyCycles(*model)) {
        if (cycle.size() < 2)
            continue;
        const Service &first = *model->services.constFind(cycle.first());
        SourceLocation where = first.locationOf(QStringLiteral("depends_on"));
        for (const ServiceDependency &dependency : first.dependsOn) {
            if (dependency.service == cycle.at(1) && dependency.location.isValid()) {
                where = dependency.location;
                break;
            }
        }
        findings.append(LintRule::finding(Diagnostic::Severity::Error, LintRule::dependsOnCycle(), where, first.name,
            QStringLiteral("depends_on cycle: %1: each waits for the next to start, so none of them starts")
                .arg(cycle.join(QStringLiteral(" -> "))),
            QStringLiteral("remove one of these dependencies; if two services really need each other, let them retry the "
                           "connection instead of waiting in depends_on")));
    }
}

bool ServiceRules::isOneShot(const ComposeModel &model, const Service &service)
{
    for (const Service &other : model.services) {
        for (const ServiceDependency &dependency : other.dependsOn) {
            if (dependency.service == service.name && dependency.condition == ServiceDependency::Condition::CompletedSuccessfully)
                return true;
        }
    }
    const QJsonObject policy = service.deployOther.value(QStringLiteral("restart_policy")).toObject();
    if (policy.value(QStringLiteral("condition")).toString() == QLatin1String("none"))
        return true;
    // A job by name (db-migrate, init, seed_data) that is not restarted forever.
    static const QRegularExpression jobName(
        QStringLiteral("(^|[-_.])(migrate|migration|migrations|migrator|init|setup|seed|seeder|bootstrap|createbuckets)($|[-_.])"),
        QRegularExpression::CaseInsensitiveOption);
    const bool restartedForever = service.restart == QLatin1String("always") || service.restart == QLatin1String("unless-stopped")
                                  || policy.value(QStringLiteral("condition")).toString() == QLatin1String("any");
    return !restartedForever && jobName.match(service.name).hasMatch();
}

void ServiceRules::resourceLimits(const LintContext &context, Diagnostics &findings)
{
    const ComposeModel *model = context.model();
    if (!model)
        return;
    const Diagnostic::Severity severity = context.isDevelopment() ? Diagnostic::Severity::Info : Diagnostic::Severity::Warning;
    for (const Service &service : model->services) {
        if (isOneShot(*model, service))
            continue;
        const bool memory = service.limits.memoryBytes.has_value() || service.other.contains(QStringLiteral("mem_limit"));
        const bool cpu = service.limits.cpus.has_value() || service.other.contains(QStringLiteral("cpus"))
                         || service.other.contains(QStringLiteral("cpu_quota"));
        if (memory && cpu)
            continue;
        const QString missing = !memory && !cpu ? QStringLiteral("no memory or CPU limit")
                                : !memory       ? QStringLiteral("no memory limit")
                                                : QStringLiteral("no CPU limit");
        const SourceLocation where = service.keyLocations.contains(QStringLiteral("deploy")) ? service.locationOf(QStringLiteral("deploy"))
                                                                                             : service.location;
        findings.append(LintRule::finding(severity, LintRule::resourcesMissing(), where, service.name,
            QStringLiteral("service '%1' has %2: one runaway container can starve every other service on the host")
                .arg(service.name, missing),
            QStringLiteral("set deploy.resources.limits for '%1' (e.g. limits: {memory: 512M, cpus: '0.5'}), sized from what it "
                           "uses under load").arg(service.name)));
    }
}

QString ServiceRules::debugSetting(const QString &name, const QString &value)
{
    const QString upper = name.toUpper();
    const QStringList words = upper.split(u'_', Qt::SkipEmptyParts);
    const QString v = value.trimmed().toLower();
    static const QSet<QString> on{QStringLiteral("true"), QStringLiteral("1"), QStringLiteral("yes"), QStringLiteral("on"),
                                  QStringLiteral("y")};
    static const QSet<QString> verbose{QStringLiteral("debug"), QStringLiteral("trace"), QStringLiteral("verbose"),
                                       QStringLiteral("all")};
    static const QSet<QString> modeNames{QStringLiteral("NODE_ENV"),  QStringLiteral("APP_ENV"),     QStringLiteral("FLASK_ENV"),
                                         QStringLiteral("RAILS_ENV"), QStringLiteral("RACK_ENV"),    QStringLiteral("ENVIRONMENT"),
                                         QStringLiteral("APP_ENVIRONMENT"), QStringLiteral("ASPNETCORE_ENVIRONMENT"),
                                         QStringLiteral("DOTNET_ENVIRONMENT"), QStringLiteral("MIX_ENV"), QStringLiteral("ENV")};
    static const QSet<QString> development{QStringLiteral("development"), QStringLiteral("dev"), QStringLiteral("local")};

    const bool isLevel = words.contains(QStringLiteral("LEVEL")) || upper == QLatin1String("LOGLEVEL") || words.endsWith(QStringLiteral("LOG"));
    if (isLevel) {
        if (words.contains(QStringLiteral("LOG")) || upper == QLatin1String("LOGLEVEL")) {
            for (const QString &part : v.split(QRegularExpression(QStringLiteral("[,=\\s]+")), Qt::SkipEmptyParts)) {
                if (verbose.contains(part))
                    return QStringLiteral("debug logging");
            }
        }
        return {};
    }
    if (words.contains(QStringLiteral("DEBUG")))
        return on.contains(v) || (upper == QLatin1String("DEBUG") && v == QLatin1String("*")) ? QStringLiteral("debugging") : QString();
    if (modeNames.contains(upper))
        return development.contains(v) ? QStringLiteral("development mode") : QString();
    return {};
}

void ServiceRules::debugSettings(const LintContext &context, Diagnostics &findings)
{
    const ComposeModel *model = context.model();
    if (!model || context.isDevelopment())
        return;
    struct Origin {
        SourceLocation location;
        bool inEnvFile = false;
        QString name;
        QString value;
        QString what;
        QStringList services;
    };
    QList<Origin> origins;
    for (const Service &service : model->services) {
        for (auto it = service.environment.cbegin(); it != service.environment.cend(); ++it) {
            if (!it.value())
                continue;
            const QString what = debugSetting(it.key(), *it.value());
            if (what.isEmpty())
                continue;
            bool inEnvFile = false;
            const SourceLocation where = context.valueOrigin(service.name, it.key(), &inEnvFile);
            auto same = std::find_if(origins.begin(), origins.end(),
                                     [&](const Origin &o) { return o.location == where && o.name == it.key(); });
            if (same == origins.end())
                origins.append({where, inEnvFile, it.key(), *it.value(), what, {service.name}});
            else if (!same->services.contains(service.name))
                same->services.append(service.name);
        }
    }
    for (const Origin &origin : std::as_const(origins)) {
        const QString users = origin.services.size() == 1 ? QStringLiteral("service '%1'").arg(origin.services.first())
                                                          : QStringLiteral("services %1").arg(quoted(origin.services));
        const QString message = QStringLiteral("%1=%2 turns on %3 for %4 outside development").arg(origin.name, origin.value, origin.what, users);
        QString off = QStringLiteral("false");
        if (origin.what == QLatin1String("debug logging"))
            off = QStringLiteral("INFO");
        else if (origin.what == QLatin1String("development mode"))
            off = QStringLiteral("production");
        findings.append(LintRule::finding(Diagnostic::Severity::Warning, LintRule::debugOutsideDev(), origin.location,
            origin.inEnvFile ? QString() : origin.services.first(), message,
            QStringLiteral("set %1=%2 in this environment's files; keep debug settings in the files only dev uses, as they can "
                           "expose internals, secrets and slow every request").arg(origin.name, off)));
    }
}

} // namespace stagehand

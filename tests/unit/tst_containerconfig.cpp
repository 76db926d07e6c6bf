// ContainerConfigBuilder: what a resolved environment asks of one engine (Engine API 1.41), as the
// bodies of POST /containers/create, /networks/create and /volumes/create, with Compose's labels, a
// stable config hash, and every key a single engine cannot apply reported where it is written.
// The demo's dev environment for the real thing; small inline Compose files for the special cases.

#include "deploy/ContainerConfigBuilder.h"
#include "deploy/DeployLabels.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

using namespace stagehand;

namespace {

QString demoDir()
{
    return QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");
}

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(QStringLiteral("    ") + d.toString());
    return lines.join(u'\n');
}

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

ResolvedEnvironment resolveDemo(const QMap<QString, QString> &shell = {})
{
    const ProjectLoadResult loaded = ProjectLoader::load(demoDir());
    if (!loaded.project) {
        ResolvedEnvironment failed;
        failed.diagnostics = loaded.diagnostics;
        return failed;
    }
    QProcessEnvironment env;
    for (auto it = shell.cbegin(); it != shell.cend(); ++it)
        env.insert(it.key(), it.value());
    return EnvironmentResolver(env).resolve(*loaded.project, QStringLiteral("dev"));
}

// A plain Compose folder "proj" (so the project is "proj") holding compose.yaml and the given files.
struct Inline {
    QTemporaryDir temp;
    QString dir;
    ResolvedEnvironment resolved;

    explicit Inline(const QByteArray &yaml, const QMap<QString, QByteArray> &files = {})
    {
        dir = temp.filePath(QStringLiteral("proj"));
        QDir().mkpath(dir);
        write(QStringLiteral("compose.yaml"), yaml);
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            write(it.key(), it.value());
        const ProjectLoadResult loaded = ProjectLoader::load(dir);
        if (!loaded.project) {
            resolved.diagnostics = loaded.diagnostics;
            return;
        }
        resolved = EnvironmentResolver(QProcessEnvironment()).resolve(*loaded.project, loaded.project->environments.first());
    }
    void write(const QString &name, const QByteArray &content) const
    {
        QFile file(QDir(dir).filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.write(content);
    }
    QString composeFile() const { return QDir(dir).filePath(QStringLiteral("compose.yaml")); }
    const ComposeModel &model() const { return *resolved.model; }
    const Service &service(const QString &name) const { return resolved.model->services.find(name).value(); }
    ContainerConfigBuilder builder() const { return ContainerConfigBuilder(model(), DeployIdentity::of(model())); }
};

#define INLINE_OK(var, ...)                                                                                       \
    const Inline var(__VA_ARGS__);                                                                                \
    QVERIFY2(var.resolved.ok(), qPrintable(describe(var.resolved.diagnostics)))

QJsonObject host(const ContainerBlueprint &blueprint)
{
    return blueprint.createBody.value(QStringLiteral("HostConfig")).toObject();
}

QJsonObject labels(const ContainerBlueprint &blueprint)
{
    return blueprint.createBody.value(QStringLiteral("Labels")).toObject();
}

QJsonObject endpoints(const ContainerBlueprint &blueprint)
{
    return blueprint.createBody.value(QStringLiteral("NetworkingConfig")).toObject().value(QStringLiteral("EndpointsConfig")).toObject();
}

// The messages of the diagnostics, one line each, with their line numbers: "12: service 'x': ...".
QStringList messages(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(QStringLiteral("%1: %2").arg(d.location.line).arg(d.message));
    return lines;
}

const Diagnostic *find(const Diagnostics &diagnostics, const QString &fragment)
{
    for (const Diagnostic &d : diagnostics) {
        if (d.message.contains(fragment))
            return &d;
    }
    return nullptr;
}

} // namespace

class TestContainerConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void demoPostgresBody();
    void demoLabels();
    void demoBindsAndCommand();
    void demoHasNothingUnsupported();
    void demoNetworkAndVolumeBodies();
    void hashIsStable();
    void hashFollowsTheFiles();
    void names();
    void unsupportedKeys();
    void unsupportedLocations();
    void singleEngineKeys();
    void portsAndExpose();
    void volumesAndMounts();
    void restartPolicies();
    void healthcheckAsWritten();
    void secretsAndConfigs();
    void secretFromAnUnsetVariable();
    void extraNetworks();
    void replicas();
    void networkModes();
};

void TestContainerConfig::demoPostgresBody()
{
    const ResolvedEnvironment env = resolveDemo();
    QVERIFY2(env.ok(), qPrintable(describe(env.diagnostics)));
    const ComposeModel &model = *env.model;
    QCOMPARE(model.name, QStringLiteral("demo-dev"));
    const ContainerConfigBuilder builder(model, DeployIdentity::of(model));
    const Service &postgres = model.services.find(QStringLiteral("postgres")).value();
    const QList<ContainerBlueprint> blueprints = builder.blueprints(postgres, postgres.image);
    QCOMPARE(blueprints.size(), 1);
    const ContainerBlueprint &b = blueprints.first();
    QCOMPARE(b.service, QStringLiteral("postgres"));
    QCOMPARE(b.number, 1);
    QCOMPARE(b.name, QStringLiteral("demo-dev-postgres-1"));
    QVERIFY(b.extraNetworks.isEmpty());
    QVERIFY(b.copies.isEmpty());
    QVERIFY(b.networkModeService.isEmpty());

    const QJsonObject body = b.createBody;
    QCOMPARE(body.value(QStringLiteral("Image")).toString(), QStringLiteral("stagehand-demo/postgres:15"));
    const QJsonArray env_ = body.value(QStringLiteral("Env")).toArray();
    QVERIFY2(env_.contains(QStringLiteral("POSTGRES_DB=demo_dev")), qPrintable(compact(env_)));
    QVERIFY(env_.contains(QStringLiteral("POSTGRES_USER=demo")));
    QVERIFY(env_.contains(QStringLiteral("POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256")));
    QCOMPARE(env_.size(), 4);

    // Exactly the file's healthcheck, in nanoseconds: nothing invented, nothing shortened.
    const QJsonObject health = body.value(QStringLiteral("Healthcheck")).toObject();
    QCOMPARE(health.value(QStringLiteral("Test")).toArray(),
             (QJsonArray{QStringLiteral("CMD-SHELL"), QStringLiteral("pg_isready -U demo -d demo_dev")}));
    QCOMPARE(health.value(QStringLiteral("Interval")).toInteger(), Q_INT64_C(30000000000));
    QCOMPARE(health.value(QStringLiteral("Timeout")).toInteger(), Q_INT64_C(10000000000));
    QCOMPARE(health.value(QStringLiteral("StartPeriod")).toInteger(), Q_INT64_C(60000000000));
    QCOMPARE(health.value(QStringLiteral("Retries")).toInteger(), 3);
    QCOMPARE(health.size(), 5);
    QVERIFY(!health.contains(QStringLiteral("StartInterval")));

    QCOMPARE(body.value(QStringLiteral("ExposedPorts")).toObject(), (QJsonObject{{QStringLiteral("5432/tcp"), QJsonObject{}}}));
    QVERIFY(!body.contains(QStringLiteral("Cmd")));
    QVERIFY(!body.contains(QStringLiteral("Entrypoint")));
    QVERIFY(!body.contains(QStringLiteral("StopTimeout")));

    const QJsonObject h = host(b);
    QCOMPARE(h.value(QStringLiteral("Memory")).toInteger(), Q_INT64_C(1073741824));
    QCOMPARE(h.value(QStringLiteral("NanoCpus")).toInteger(), Q_INT64_C(1000000000));
    QCOMPARE(h.value(QStringLiteral("MemoryReservation")).toInteger(), Q_INT64_C(536870912));
    QCOMPARE(h.value(QStringLiteral("CpuShares")).toInteger(), Q_INT64_C(512)); // reservations.cpus 0.5 * 1024
    QVERIFY(!h.contains(QStringLiteral("PidsLimit")));
    QCOMPARE(h.value(QStringLiteral("PortBindings")).toObject(),
             (QJsonObject{{QStringLiteral("5432/tcp"), QJsonArray{QJsonObject{{QStringLiteral("HostIp"), QStringLiteral("127.0.0.1")},
                                                                              {QStringLiteral("HostPort"), QStringLiteral("18432")}}}}}));
    QCOMPARE(h.value(QStringLiteral("LogConfig")).toObject(),
             (QJsonObject{{QStringLiteral("Type"), QStringLiteral("json-file")},
                          {QStringLiteral("Config"), QJsonObject{{QStringLiteral("max-size"), QStringLiteral("50m")},
                                                                 {QStringLiteral("max-file"), QStringLiteral("3")}}}}));
    QCOMPARE(h.value(QStringLiteral("Mounts")).toArray(),
             (QJsonArray{QJsonObject{{QStringLiteral("Type"), QStringLiteral("volume")},
                                     {QStringLiteral("Source"), QStringLiteral("demo-dev_postgres-data")},
                                     {QStringLiteral("Target"), QStringLiteral("/var/lib/postgresql/data")}}}));
    QVERIFY(!h.contains(QStringLiteral("Binds")));
    QVERIFY(!h.contains(QStringLiteral("RestartPolicy"))); // dev sets none
    QCOMPARE(h.value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("demo-dev_demo-network"));
    QCOMPARE(endpoints(b), (QJsonObject{{QStringLiteral("demo-dev_demo-network"),
                                         QJsonObject{{QStringLiteral("Aliases"), QJsonArray{QStringLiteral("postgres")}}}}}));
}

void TestContainerConfig::demoLabels()
{
    const ResolvedEnvironment env = resolveDemo();
    QVERIFY2(env.ok(), qPrintable(describe(env.diagnostics)));
    const ComposeModel &model = *env.model;
    DeployIdentity identity = DeployIdentity::of(model);
    QCOMPARE(identity.version, QStringLiteral(STAGEHAND_VERSION));
    const ContainerConfigBuilder builder(model, identity);
    const Service &postgres = model.services.find(QStringLiteral("postgres")).value();
    const ContainerBlueprint b = builder.blueprints(postgres, postgres.image).first();
    const QJsonObject l = labels(b);
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.project")).toString(), QStringLiteral("demo-dev"));
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.service")).toString(), QStringLiteral("postgres"));
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.oneoff")).toString(), QStringLiteral("False"));
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.container-number")).toString(), QStringLiteral("1"));
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.config-hash")).toString(), b.configHash);
    QCOMPARE(b.configHash.size(), 64);
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.version")).toString(), QStringLiteral(STAGEHAND_VERSION));
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.project.working_dir")).toString(), model.workingDir);
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.project.config_files")).toString(), model.files.join(u','));
    QCOMPARE(model.files.size(), 2);
    QVERIFY(model.files.first().endsWith(QLatin1String("/compose.yaml")));
    QCOMPARE(l.value(QStringLiteral("com.docker.compose.depends_on")).toString(), QString());
    QCOMPARE(l.value(QStringLiteral("io.stagehand.deployer")).toString(), QStringLiteral("stagehand"));
    QCOMPARE(l.size(), 10);

    // The names as DeployLabels gives them.
    QCOMPARE(DeployLabels::project(), QStringLiteral("com.docker.compose.project"));
    QCOMPARE(DeployLabels::dependsOn(), QStringLiteral("com.docker.compose.depends_on"));
    QCOMPARE(DeployLabels::configHash(), QStringLiteral("com.docker.compose.config-hash"));
    QVERIFY(DeployLabels::isFromStagehand({{QStringLiteral("io.stagehand.deployer"), QStringLiteral("stagehand")}}));
    QVERIFY(!DeployLabels::isFromStagehand({{QStringLiteral("com.docker.compose.project"), QStringLiteral("demo-dev")}}));

    // depends_on in the file's order: service:condition:restart.
    const Service &api = model.services.find(QStringLiteral("api")).value();
    QCOMPARE(labels(builder.blueprints(api, api.image).first()).value(QStringLiteral("com.docker.compose.depends_on")).toString(),
             QStringLiteral("postgres:service_healthy:false,redis:service_healthy:false"));

    // The service's own labels come first; Compose's win over them.
    INLINE_OK(t, "services:\n"
                 "  web:\n"
                 "    image: nginx:1.25\n"
                 "    labels:\n"
                 "      team: core\n"
                 "      com.docker.compose.project: spoofed\n"
                 "    depends_on:\n"
                 "      db: {condition: service_started, restart: true}\n"
                 "      init: {condition: service_completed_successfully}\n"
                 "  db:\n"
                 "    image: postgres:15\n"
                 "  init:\n"
                 "    image: busybox:1.36\n");
    const QJsonObject web = labels(t.builder().blueprints(t.service(QStringLiteral("web")), QStringLiteral("nginx:1.25")).first());
    QCOMPARE(web.value(QStringLiteral("team")).toString(), QStringLiteral("core"));
    QCOMPARE(web.value(QStringLiteral("com.docker.compose.project")).toString(), QStringLiteral("proj"));
    QCOMPARE(web.value(QStringLiteral("com.docker.compose.depends_on")).toString(),
             QStringLiteral("db:service_started:true,init:service_completed_successfully:false"));
}

void TestContainerConfig::demoBindsAndCommand()
{
    const ResolvedEnvironment env = resolveDemo();
    QVERIFY2(env.ok(), qPrintable(describe(env.diagnostics)));
    const ComposeModel &model = *env.model;
    const ContainerConfigBuilder builder(model, DeployIdentity::of(model));
    const Service &nginx = model.services.find(QStringLiteral("nginx")).value();
    const QJsonObject nginxHost = host(builder.blueprints(nginx, nginx.image).first());
    // Short-syntax binds create a missing host path, as Compose does: the Binds field.
    QCOMPARE(nginxHost.value(QStringLiteral("Binds")).toArray(),
             (QJsonArray{QString(demoDir() + QStringLiteral("/config/nginx/nginx.conf:/etc/nginx/nginx.conf:ro")),
                         QString(demoDir() + QStringLiteral("/config/nginx/conf.d:/etc/nginx/conf.d:ro"))}));
    QVERIFY(!nginxHost.contains(QStringLiteral("Mounts")));

    const Service &prometheus = model.services.find(QStringLiteral("prometheus")).value();
    const ContainerBlueprint p = builder.blueprints(prometheus, prometheus.image).first();
    const QJsonArray cmd = p.createBody.value(QStringLiteral("Cmd")).toArray();
    QCOMPARE(cmd.size(), 6);
    QCOMPARE(cmd.at(0).toString(), QStringLiteral("--config.file=/etc/prometheus/prometheus.yml"));
    QCOMPARE(cmd.at(2).toString(), QStringLiteral("--storage.tsdb.retention.time=7d")); // PROMETHEUS_RETENTION of .env.dev
    QCOMPARE(host(p).value(QStringLiteral("Binds")).toArray().size(), 1);
    QCOMPARE(host(p).value(QStringLiteral("Mounts")).toArray().first().toObject().value(QStringLiteral("Source")).toString(),
             QStringLiteral("demo-dev_prometheus-data"));
    QCOMPARE(host(p).value(QStringLiteral("CpuShares")).toInteger(), Q_INT64_C(256)); // 0.25 CPU
}

void TestContainerConfig::demoHasNothingUnsupported()
{
    for (const QString &environment : {QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("production")}) {
        const ProjectLoadResult loaded = ProjectLoader::load(demoDir());
        QVERIFY(loaded.project);
        const ResolvedEnvironment env = EnvironmentResolver(QProcessEnvironment()).resolve(*loaded.project, environment);
        QVERIFY2(env.ok(), qPrintable(describe(env.diagnostics)));
        const ContainerConfigBuilder builder(*env.model, DeployIdentity::of(*env.model));
        QCOMPARE(env.model->services.size(), 9);
        for (const Service &service : env.model->services) {
            const Diagnostics problems = builder.unsupported(service);
            QVERIFY2(problems.isEmpty(), qPrintable(environment + u' ' + service.name + u'\n' + describe(problems)));
            QCOMPARE(builder.replicas(service), 1);
        }
        for (const NetworkDefinition &network : env.model->networks)
            QVERIFY(builder.unsupported(network).isEmpty());
        for (const VolumeDefinition &volume : env.model->volumes)
            QVERIFY(builder.unsupported(volume).isEmpty());
        if (environment == QLatin1String("production")) {
            const Service &redis = env.model->services.find(QStringLiteral("redis")).value();
            QCOMPARE(host(builder.blueprints(redis, redis.image).first()).value(QStringLiteral("RestartPolicy")).toObject(),
                     (QJsonObject{{QStringLiteral("Name"), QStringLiteral("unless-stopped")}}));
        }
    }
}

void TestContainerConfig::demoNetworkAndVolumeBodies()
{
    const ResolvedEnvironment env = resolveDemo();
    QVERIFY2(env.ok(), qPrintable(describe(env.diagnostics)));
    const ComposeModel &model = *env.model;
    const ContainerConfigBuilder builder(model, DeployIdentity::of(model));
    const QJsonObject network = builder.networkBody(model.networks.value(QStringLiteral("demo-network")));
    QCOMPARE(network, (QJsonObject{
        {QStringLiteral("Name"), QStringLiteral("demo-dev_demo-network")},
        {QStringLiteral("CheckDuplicate"), true},
        {QStringLiteral("Driver"), QStringLiteral("bridge")},
        {QStringLiteral("IPAM"), QJsonObject{{QStringLiteral("Config"), QJsonArray{QJsonObject{{QStringLiteral("Subnet"), QStringLiteral("10.210.10.0/24")}}}}}},
        {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("com.docker.compose.project"), QStringLiteral("demo-dev")},
                                               {QStringLiteral("com.docker.compose.network"), QStringLiteral("demo-network")},
                                               {QStringLiteral("com.docker.compose.version"), QStringLiteral(STAGEHAND_VERSION)}}},
    }));
    const QJsonObject volume = builder.volumeBody(model.volumes.value(QStringLiteral("postgres-data")));
    QCOMPARE(volume, (QJsonObject{
        {QStringLiteral("Name"), QStringLiteral("demo-dev_postgres-data")},
        {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("com.docker.compose.project"), QStringLiteral("demo-dev")},
                                               {QStringLiteral("com.docker.compose.volume"), QStringLiteral("postgres-data")},
                                               {QStringLiteral("com.docker.compose.version"), QStringLiteral(STAGEHAND_VERSION)}}},
    }));

    // The file's labels and options are carried; Compose's labels win.
    INLINE_OK(t, "services:\n"
                 "  app: {image: busybox:1.36}\n"
                 "networks:\n"
                 "  back:\n"
                 "    driver: bridge\n"
                 "    internal: true\n"
                 "    attachable: true\n"
                 "    enable_ipv6: true\n"
                 "    driver_opts: {com.docker.network.bridge.name: br-back}\n"
                 "    labels: {tier: back, com.docker.compose.network: spoofed}\n"
                 "    ipam:\n"
                 "      driver: default\n"
                 "      config:\n"
                 "        - {subnet: 172.28.0.0/16, ip_range: 172.28.5.0/24, gateway: 172.28.5.254, aux_addresses: {host1: 172.28.1.5}}\n"
                 "  legacy:\n"
                 "    enable_ipv4: false\n"
                 "volumes:\n"
                 "  data:\n"
                 "    driver: local\n"
                 "    driver_opts: {type: tmpfs, device: tmpfs}\n"
                 "    labels: {backup: daily}\n");
    const ContainerConfigBuilder b = t.builder();
    const QJsonObject back = b.networkBody(t.model().networks.value(QStringLiteral("back")));
    QCOMPARE(back.value(QStringLiteral("Name")).toString(), QStringLiteral("proj_back"));
    QCOMPARE(back.value(QStringLiteral("Internal")).toBool(), true);
    QCOMPARE(back.value(QStringLiteral("Attachable")).toBool(), true);
    QCOMPARE(back.value(QStringLiteral("EnableIPv6")).toBool(), true);
    QCOMPARE(back.value(QStringLiteral("Options")).toObject().value(QStringLiteral("com.docker.network.bridge.name")).toString(), QStringLiteral("br-back"));
    QCOMPARE(back.value(QStringLiteral("IPAM")).toObject(), (QJsonObject{
        {QStringLiteral("Driver"), QStringLiteral("default")},
        {QStringLiteral("Config"), QJsonArray{QJsonObject{{QStringLiteral("Subnet"), QStringLiteral("172.28.0.0/16")},
                                                          {QStringLiteral("IPRange"), QStringLiteral("172.28.5.0/24")},
                                                          {QStringLiteral("Gateway"), QStringLiteral("172.28.5.254")},
                                                          {QStringLiteral("AuxiliaryAddresses"), QJsonObject{{QStringLiteral("host1"), QStringLiteral("172.28.1.5")}}}}}},
    }));
    QCOMPARE(back.value(QStringLiteral("Labels")).toObject().value(QStringLiteral("tier")).toString(), QStringLiteral("back"));
    QCOMPARE(back.value(QStringLiteral("Labels")).toObject().value(QStringLiteral("com.docker.compose.network")).toString(), QStringLiteral("back"));
    const Diagnostics legacy = b.unsupported(t.model().networks.value(QStringLiteral("legacy")));
    QCOMPARE(legacy.size(), 1);
    QVERIFY2(legacy.first().message.contains(QLatin1String("enable_ipv4")), qPrintable(describe(legacy)));
    const QJsonObject data = b.volumeBody(t.model().volumes.value(QStringLiteral("data")));
    QCOMPARE(data.value(QStringLiteral("Driver")).toString(), QStringLiteral("local"));
    QCOMPARE(data.value(QStringLiteral("DriverOpts")).toObject(),
             (QJsonObject{{QStringLiteral("type"), QStringLiteral("tmpfs")}, {QStringLiteral("device"), QStringLiteral("tmpfs")}}));
    QCOMPARE(data.value(QStringLiteral("Labels")).toObject().value(QStringLiteral("backup")).toString(), QStringLiteral("daily"));
}

void TestContainerConfig::hashIsStable()
{
    const ResolvedEnvironment first = resolveDemo();
    const ResolvedEnvironment second = resolveDemo();
    QVERIFY(first.ok() && second.ok());
    const ContainerConfigBuilder a(*first.model, DeployIdentity::of(*first.model));
    const ContainerConfigBuilder b(*second.model, DeployIdentity::of(*second.model));
    QSet<QString> hashes;
    for (const Service &service : first.model->services) {
        const Service &again = second.model->services.find(service.name).value();
        const QString hash = a.configHash(service, service.image);
        QCOMPARE(hash, b.configHash(again, again.image));
        QCOMPARE(hash, a.configHash(service, service.image));
        QCOMPARE(a.blueprints(service, service.image).first().configHash, hash);
        QCOMPARE(a.blueprints(service, service.image).first().createBody, b.blueprints(again, again.image).first().createBody);
        hashes.insert(hash);
    }
    QCOMPARE(hashes.size(), first.model->services.size()); // every service's differs

    // Known value: the hash is of the canonical body, so it only changes when the mapping does.
    // (Recomputed here from the documented recipe, independent of the builder's own code.)
    const Service &postgres = first.model->services.find(QStringLiteral("postgres")).value();
    ContainerBlueprint bp = a.blueprints(postgres, postgres.image).first();
    QJsonObject l = bp.createBody.value(QStringLiteral("Labels")).toObject();
    l.remove(QStringLiteral("com.docker.compose.config-hash"));
    l.remove(QStringLiteral("com.docker.compose.container-number"));
    l.remove(QStringLiteral("com.docker.compose.version"));
    l.remove(QStringLiteral("com.docker.compose.project.working_dir"));
    l.remove(QStringLiteral("com.docker.compose.project.config_files"));
    bp.createBody.insert(QStringLiteral("Labels"), l);
    const QJsonObject canonical{{QStringLiteral("create"), bp.createBody},
                                {QStringLiteral("extraNetworks"), QJsonArray{}},
                                {QStringLiteral("copies"), QJsonArray{}},
                                {QStringLiteral("networkModeService"), QString()}};
    QCOMPARE(a.configHash(postgres, postgres.image),
             QString::fromLatin1(QCryptographicHash::hash(QJsonDocument(canonical).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex()));

    // The version of Stagehand is a label, not part of what the container is.
    DeployIdentity other = DeployIdentity::of(*first.model);
    other.version = QStringLiteral("9.9.9");
    const ContainerConfigBuilder upgraded(*first.model, other);
    QCOMPARE(upgraded.configHash(postgres, postgres.image), a.configHash(postgres, postgres.image));
    QCOMPARE(labels(upgraded.blueprints(postgres, postgres.image).first()).value(QStringLiteral("com.docker.compose.version")).toString(),
             QStringLiteral("9.9.9"));
}

void TestContainerConfig::hashFollowsTheFiles()
{
    const ResolvedEnvironment base = resolveDemo();
    const ResolvedEnvironment changed = resolveDemo({{QStringLiteral("POSTGRES_DB"), QStringLiteral("demo_other")}});
    QVERIFY(base.ok() && changed.ok());
    const ContainerConfigBuilder a(*base.model, DeployIdentity::of(*base.model));
    const ContainerConfigBuilder b(*changed.model, DeployIdentity::of(*changed.model));
    const Service &p1 = base.model->services.find(QStringLiteral("postgres")).value();
    const Service &p2 = changed.model->services.find(QStringLiteral("postgres")).value();
    QVERIFY(a.configHash(p1, p1.image) != b.configHash(p2, p2.image));
    // A service that does not use the variable keeps its hash.
    const Service &w1 = base.model->services.find(QStringLiteral("web")).value();
    const Service &w2 = changed.model->services.find(QStringLiteral("web")).value();
    QCOMPARE(a.configHash(w1, w1.image), b.configHash(w2, w2.image));
    // Another image reference is another container.
    QVERIFY(a.configHash(p1, p1.image) != a.configHash(p1, QStringLiteral("stagehand-demo/postgres:16")));

    // The container number is not in the hash; the number and the name are in each blueprint.
    INLINE_OK(t, "services:\n"
                 "  worker:\n"
                 "    image: busybox:1.36\n"
                 "    deploy: {replicas: 3}\n");
    const QList<ContainerBlueprint> workers = t.builder().blueprints(t.service(QStringLiteral("worker")), QStringLiteral("busybox:1.36"));
    QCOMPARE(workers.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(workers.at(i).configHash, workers.first().configHash);
        QCOMPARE(labels(workers.at(i)).value(QStringLiteral("com.docker.compose.config-hash")).toString(), workers.first().configHash);
        QCOMPARE(labels(workers.at(i)).value(QStringLiteral("com.docker.compose.container-number")).toString(), QString::number(i + 1));
    }

    // Copies: a change of content changes the hash.
    INLINE_OK(c, "services:\n  app:\n    image: busybox:1.36\n    configs: [app]\nconfigs:\n  app:\n    content: one\n");
    ComposeModel edited = c.model();
    edited.configs[QStringLiteral("app")].content = QStringLiteral("two");
    const QString before = c.builder().configHash(c.service(QStringLiteral("app")), QStringLiteral("busybox:1.36"));
    QCOMPARE(ContainerConfigBuilder(c.model(), DeployIdentity::of(c.model())).configHash(c.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")), before);
    QVERIFY(ContainerConfigBuilder(edited, DeployIdentity::of(edited)).configHash(c.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")) != before);
}

void TestContainerConfig::names()
{
    QCOMPARE(ContainerConfigBuilder::containerName(QStringLiteral("demo-dev"), QStringLiteral("api"), 2), QStringLiteral("demo-dev-api-2"));
    QCOMPARE(ContainerConfigBuilder::builtImageName(QStringLiteral("demo-dev"), QStringLiteral("api")), QStringLiteral("demo-dev-api"));
    INLINE_OK(t, "services:\n"
                 "  app:\n"
                 "    build: .\n"
                 "    container_name: my-app\n");
    const Service &app = t.service(QStringLiteral("app"));
    const QString image = ContainerConfigBuilder::builtImageName(t.model().name, app.name);
    const QList<ContainerBlueprint> list = t.builder().blueprints(app, image);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().name, QStringLiteral("my-app"));
    QCOMPARE(list.first().createBody.value(QStringLiteral("Image")).toString(), QStringLiteral("proj-app"));
    QVERIFY2(t.builder().unsupported(app).isEmpty(), qPrintable(describe(t.builder().unsupported(app))));
}

void TestContainerConfig::unsupportedKeys()
{
    INLINE_OK(t, "services:\n"                                        // 1
                 "  app:\n"                                           // 2
                 "    image: busybox:1.36\n"                          // 3
                 "    platform: linux/arm64\n"                        // 4
                 "    develop: {watch: [{action: sync, path: ./src, target: /src}]}\n" // 5
                 "    annotations: {com.example.a: b}\n"              // 6
                 "    cpu_count: 2\n"                                 // 7
                 "    pull_policy: always\n"                          // 8
                 "    x-custom: ignored\n"                            // 9
                 "    ipc: service:other\n"                           // 10
                 "    security_opt: ['seccomp=./profile.json', 'no-new-privileges:true']\n" // 11
                 "    devices: ['nvidia.com/gpu=all']\n"              // 12
                 "    secrets: [ext]\n"                               // 13
                 "    volumes:\n"                                     // 14
                 "      - type: volume\n"                             // 15
                 "        source: data\n"                             // 16
                 "        target: /data\n"                            // 17
                 "        volume: {subpath: sub}\n"                   // 18
                 "      - type: npipe\n"                              // 19
                 "        source: //./pipe/docker_engine\n"           // 20
                 "        target: //./pipe/docker_engine\n"           // 21
                 "    networks:\n"                                    // 22
                 "      back: {gw_priority: 10}\n"                    // 23
                 "    deploy:\n"                                      // 24
                 "      mode: global\n"                               // 25
                 "      labels: {a: b}\n"                             // 26
                 "      endpoint_mode: dnsrr\n"                       // 27
                 "      update_config: {parallelism: 2}\n"            // 28
                 "      rollback_config: {parallelism: 1}\n"          // 29
                 "      restart_policy: {condition: on-failure, delay: 5s, window: 1m}\n" // 30
                 "      resources:\n"                                 // 31
                 "        reservations:\n"                            // 32
                 "          pids: 10\n"                               // 33
                 "          generic_resources: [{discrete_resource_spec: {kind: gpu, value: 1}}]\n" // 34
                 "secrets:\n"                                         // 35
                 "  ext: {external: true}\n"                          // 36
                 "volumes:\n"                                         // 37
                 "  data: {}\n"                                       // 38
                 "networks:\n"                                        // 39
                 "  back: {}\n");                                     // 40
    const Diagnostics problems = t.builder().unsupported(t.service(QStringLiteral("app")));
    const QStringList lines = messages(problems);
    const QString all = lines.join(u'\n');
    struct Expected {
        const char *fragment;
        int line;
    };
    const Expected expected[] = {
        {"'platform'", 4},
        {"'develop'", 5},
        {"'annotations' needs Engine API 1.43", 6},
        {"'cpu_count' applies to Windows", 7},
        {"'pull_policy'", 8},
        {"'ipc' 'service:other'", 10},
        {"seccomp profile file './profile.json'", 11},
        {"CDI device 'nvidia.com/gpu=all'", 12},
        {"'secrets (ext)' is external", 13},
        {"volume.subpath, which needs Engine API 1.45", 15},
        {"is a named pipe", 19},
        {"'networks.back.gw_priority' needs Engine API 1.48", 23},
        {"'deploy.mode' 'global' is a swarm mode", 24},
        {"'deploy.labels' is a swarm setting", 24},
        {"'deploy.endpoint_mode' is a swarm setting", 24},
        {"'deploy.update_config' is a swarm setting", 24},
        {"'deploy.rollback_config' is a swarm setting", 24},
        {"'deploy.restart_policy.delay'", 24},
        {"'deploy.restart_policy.window'", 24},
        {"'deploy.resources.reservations.pids'", 24},
        {"'deploy.resources.reservations.generic_resources' is a swarm setting", 24},
    };
    for (const Expected &e : expected) {
        const Diagnostic *d = find(problems, QString::fromUtf8(e.fragment));
        QVERIFY2(d, qPrintable(QStringLiteral("missing: %1\n%2").arg(QString::fromUtf8(e.fragment), all)));
        QCOMPARE(d->location.line, e.line);
        QCOMPARE(d->location.file, t.composeFile());
        QCOMPARE(d->severity, Diagnostic::Severity::Error);
        QCOMPARE(d->service, QStringLiteral("app"));
        QVERIFY(d->message.startsWith(QLatin1String("service 'app': ")));
    }
    QCOMPARE(problems.size(), int(std::size(expected)));
    QVERIFY(!all.contains(QLatin1String("x-custom")));
    QVERIFY(!all.contains(QLatin1String("no-new-privileges")));

    // What is left out of the body is what was reported; the rest is still mapped.
    const ContainerBlueprint b = t.builder().blueprints(t.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")).first();
    QCOMPARE(host(b).value(QStringLiteral("SecurityOpt")).toArray(), QJsonArray{QStringLiteral("no-new-privileges:true")});
    QCOMPARE(host(b).value(QStringLiteral("RestartPolicy")).toObject(), (QJsonObject{{QStringLiteral("Name"), QStringLiteral("on-failure")}}));
    QVERIFY(!host(b).contains(QStringLiteral("IpcMode")));
    QCOMPARE(host(b).value(QStringLiteral("Mounts")).toArray().size(), 1);
}

void TestContainerConfig::unsupportedLocations()
{
    INLINE_OK(t, "services:\n"                       // 1
                 "  web:\n"                          // 2
                 "    image: nginx:1.25\n"           // 3
                 "    healthcheck:\n"                // 4
                 "      test: [CMD, true]\n"         // 5
                 "      start_period: 30s\n"         // 6
                 "      start_interval: 2s\n"        // 7
                 "    deploy:\n"                     // 8
                 "      replicas: 2\n"               // 9
                 "      placement:\n"                // 10
                 "        constraints: [node.role == manager]\n"); // 11
    const Diagnostics problems = t.builder().unsupported(t.service(QStringLiteral("web")));
    QCOMPARE(problems.size(), 2);
    const Diagnostic *placement = find(problems, QStringLiteral("'deploy.placement'"));
    QVERIFY2(placement, qPrintable(describe(problems)));
    QCOMPARE(placement->toString(), QStringLiteral("%1:8:5: error: service 'web': 'deploy.placement' is a swarm setting: a single engine cannot apply it").arg(t.composeFile()));
    const Diagnostic *interval = find(problems, QStringLiteral("'healthcheck.start_interval'"));
    QVERIFY2(interval, qPrintable(describe(problems)));
    QCOMPARE(interval->location.file, t.composeFile());
    QCOMPARE(interval->location.line, 4);
    QVERIFY(interval->message.contains(QLatin1String("1.44")));
    // The healthcheck sent is still exactly the rest of what the file says.
    const ContainerBlueprint b = t.builder().blueprints(t.service(QStringLiteral("web")), QStringLiteral("nginx:1.25")).first();
    QCOMPARE(b.createBody.value(QStringLiteral("Healthcheck")).toObject(),
             (QJsonObject{{QStringLiteral("Test"), QJsonArray{QStringLiteral("CMD"), QStringLiteral("true")}},
                          {QStringLiteral("StartPeriod"), Q_INT64_C(30000000000)}}));
}

void TestContainerConfig::singleEngineKeys()
{
    INLINE_OK(t, "services:\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    command: [sh, -c, 'sleep 1000']\n"
                 "    entrypoint: []\n"
                 "    environment: {A: '1', UNSET: null, EMPTY: ''}\n"
                 "    user: '1000:1000'\n"
                 "    working_dir: /srv\n"
                 "    hostname: apphost\n"
                 "    domainname: example.org\n"
                 "    mac_address: 02:42:ac:11:00:02\n"
                 "    stop_signal: SIGINT\n"
                 "    stop_grace_period: 1m30s\n"
                 "    init: true\n"
                 "    cap_add: [NET_ADMIN]\n"
                 "    cap_drop: [ALL]\n"
                 "    privileged: true\n"
                 "    read_only: true\n"
                 "    tty: true\n"
                 "    stdin_open: true\n"
                 "    shm_size: 64m\n"
                 "    extra_hosts: ['db.local:10.0.0.5', 'cache.local=10.0.0.6']\n"
                 "    dns: 8.8.8.8\n"
                 "    dns_search: [example.org]\n"
                 "    dns_opt: [use-vc]\n"
                 "    sysctls: {net.core.somaxconn: 1024}\n"
                 "    ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}\n"
                 "    tmpfs: [/run, '/tmp:size=64m']\n"
                 "    security_opt: [systempaths=unconfined, label=disable]\n"
                 "    devices: ['/dev/fuse', '/dev/sda:/dev/xvda:r']\n"
                 "    ipc: shareable\n"
                 "    pid: host\n"
                 "    cgroup: private\n"
                 "    cgroup_parent: /stagehand\n"
                 "    group_add: [audio, 1001]\n"
                 "    mem_limit: 256m\n"
                 "    mem_reservation: 128m\n"
                 "    memswap_limit: -1\n"
                 "    cpus: 1.5\n"
                 "    cpu_shares: 700\n"
                 "    pids_limit: 100\n"
                 "    oom_score_adj: -500\n"
                 "    oom_kill_disable: true\n"
                 "    gpus: all\n"
                 "    links: ['db:database']\n"
                 "    volumes_from: ['db:ro']\n"
                 "    pull_policy: missing\n"
                 "    attach: false\n"
                 "  db:\n"
                 "    image: postgres:15\n");
    const Service &app = t.service(QStringLiteral("app"));
    const Diagnostics problems = t.builder().unsupported(app);
    QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    const ContainerBlueprint b = t.builder().blueprints(app, QStringLiteral("busybox:1.36")).first();
    const QJsonObject c = b.createBody;
    QCOMPARE(c.value(QStringLiteral("Cmd")).toArray(), (QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 1000")}));
    QVERIFY(c.contains(QStringLiteral("Entrypoint")));
    QCOMPARE(c.value(QStringLiteral("Entrypoint")).toArray(), QJsonArray{}); // [] clears the image's
    QCOMPARE(c.value(QStringLiteral("Env")).toArray(), (QJsonArray{QStringLiteral("A=1"), QStringLiteral("EMPTY=")}));
    QCOMPARE(c.value(QStringLiteral("User")).toString(), QStringLiteral("1000:1000"));
    QCOMPARE(c.value(QStringLiteral("WorkingDir")).toString(), QStringLiteral("/srv"));
    QCOMPARE(c.value(QStringLiteral("Hostname")).toString(), QStringLiteral("apphost"));
    QCOMPARE(c.value(QStringLiteral("Domainname")).toString(), QStringLiteral("example.org"));
    QCOMPARE(c.value(QStringLiteral("MacAddress")).toString(), QStringLiteral("02:42:ac:11:00:02"));
    QCOMPARE(c.value(QStringLiteral("StopSignal")).toString(), QStringLiteral("SIGINT"));
    QCOMPARE(c.value(QStringLiteral("StopTimeout")).toInteger(), 90);
    QCOMPARE(c.value(QStringLiteral("Tty")).toBool(), true);
    QCOMPARE(c.value(QStringLiteral("OpenStdin")).toBool(), true);
    const QJsonObject h = host(b);
    QCOMPARE(h.value(QStringLiteral("Init")).toBool(), true);
    QCOMPARE(h.value(QStringLiteral("CapAdd")).toArray(), QJsonArray{QStringLiteral("NET_ADMIN")});
    QCOMPARE(h.value(QStringLiteral("CapDrop")).toArray(), QJsonArray{QStringLiteral("ALL")});
    QCOMPARE(h.value(QStringLiteral("Privileged")).toBool(), true);
    QCOMPARE(h.value(QStringLiteral("ReadonlyRootfs")).toBool(), true);
    QCOMPARE(h.value(QStringLiteral("ShmSize")).toInteger(), Q_INT64_C(67108864));
    QCOMPARE(h.value(QStringLiteral("ExtraHosts")).toArray(), (QJsonArray{QStringLiteral("db.local:10.0.0.5"), QStringLiteral("cache.local:10.0.0.6")}));
    QCOMPARE(h.value(QStringLiteral("Dns")).toArray(), QJsonArray{QStringLiteral("8.8.8.8")});
    QCOMPARE(h.value(QStringLiteral("DnsSearch")).toArray(), QJsonArray{QStringLiteral("example.org")});
    QCOMPARE(h.value(QStringLiteral("DnsOptions")).toArray(), QJsonArray{QStringLiteral("use-vc")});
    QCOMPARE(h.value(QStringLiteral("Sysctls")).toObject(), (QJsonObject{{QStringLiteral("net.core.somaxconn"), QStringLiteral("1024")}}));
    QCOMPARE(h.value(QStringLiteral("Ulimits")).toArray(), (QJsonArray{
        QJsonObject{{QStringLiteral("Name"), QStringLiteral("nofile")}, {QStringLiteral("Soft"), 20000}, {QStringLiteral("Hard"), 40000}},
        QJsonObject{{QStringLiteral("Name"), QStringLiteral("nproc")}, {QStringLiteral("Soft"), 65535}, {QStringLiteral("Hard"), 65535}}}));
    QCOMPARE(h.value(QStringLiteral("Tmpfs")).toObject(), (QJsonObject{{QStringLiteral("/run"), QString()}, {QStringLiteral("/tmp"), QStringLiteral("size=64m")}}));
    QCOMPARE(h.value(QStringLiteral("SecurityOpt")).toArray(), QJsonArray{QStringLiteral("label=disable")});
    QCOMPARE(h.value(QStringLiteral("MaskedPaths")).toArray(), QJsonArray{});
    QCOMPARE(h.value(QStringLiteral("Devices")).toArray(), (QJsonArray{
        QJsonObject{{QStringLiteral("PathOnHost"), QStringLiteral("/dev/fuse")}, {QStringLiteral("PathInContainer"), QStringLiteral("/dev/fuse")}, {QStringLiteral("CgroupPermissions"), QStringLiteral("rwm")}},
        QJsonObject{{QStringLiteral("PathOnHost"), QStringLiteral("/dev/sda")}, {QStringLiteral("PathInContainer"), QStringLiteral("/dev/xvda")}, {QStringLiteral("CgroupPermissions"), QStringLiteral("r")}}}));
    QCOMPARE(h.value(QStringLiteral("IpcMode")).toString(), QStringLiteral("shareable"));
    QCOMPARE(h.value(QStringLiteral("PidMode")).toString(), QStringLiteral("host"));
    QCOMPARE(h.value(QStringLiteral("CgroupnsMode")).toString(), QStringLiteral("private"));
    QCOMPARE(h.value(QStringLiteral("CgroupParent")).toString(), QStringLiteral("/stagehand"));
    QCOMPARE(h.value(QStringLiteral("GroupAdd")).toArray(), (QJsonArray{QStringLiteral("audio"), QStringLiteral("1001")}));
    QCOMPARE(h.value(QStringLiteral("Memory")).toInteger(), Q_INT64_C(268435456));
    QCOMPARE(h.value(QStringLiteral("MemoryReservation")).toInteger(), Q_INT64_C(134217728));
    QCOMPARE(h.value(QStringLiteral("MemorySwap")).toInteger(), Q_INT64_C(-1));
    QCOMPARE(h.value(QStringLiteral("NanoCpus")).toInteger(), Q_INT64_C(1500000000));
    QCOMPARE(h.value(QStringLiteral("CpuShares")).toInteger(), Q_INT64_C(700));
    QCOMPARE(h.value(QStringLiteral("PidsLimit")).toInteger(), Q_INT64_C(100));
    QCOMPARE(h.value(QStringLiteral("OomScoreAdj")).toInteger(), Q_INT64_C(-500));
    QCOMPARE(h.value(QStringLiteral("OomKillDisable")).toBool(), true);
    QCOMPARE(h.value(QStringLiteral("DeviceRequests")).toArray(), (QJsonArray{QJsonObject{
        {QStringLiteral("Count"), -1}, {QStringLiteral("Capabilities"), QJsonArray{QJsonArray{QStringLiteral("gpu")}}}}}));
    QCOMPARE(h.value(QStringLiteral("Links")).toArray(), QJsonArray{QStringLiteral("proj-db-1:database")});
    QCOMPARE(h.value(QStringLiteral("VolumesFrom")).toArray(), QJsonArray{QStringLiteral("proj-db-1:ro")});
    QCOMPARE(endpoints(b).value(QStringLiteral("proj_default")).toObject().value(QStringLiteral("Links")).toArray(),
             QJsonArray{QStringLiteral("proj-db-1:database")});

    // deploy.resources win over the legacy keys; a reservation of CPU becomes a weight.
    INLINE_OK(d, "services:\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    mem_limit: 256m\n"
                 "    cpus: 1.5\n"
                 "    pids_limit: 100\n"
                 "    deploy:\n"
                 "      resources:\n"
                 "        limits: {memory: 64M, cpus: '0.25', pids: 50}\n"
                 "        reservations:\n"
                 "          cpus: '0.001'\n"
                 "          devices: [{driver: nvidia, count: 1, capabilities: [gpu, compute]}]\n");
    const ContainerBlueprint r = d.builder().blueprints(d.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")).first();
    QVERIFY2(d.builder().unsupported(d.service(QStringLiteral("app"))).isEmpty(), qPrintable(describe(d.builder().unsupported(d.service(QStringLiteral("app"))))));
    QCOMPARE(host(r).value(QStringLiteral("Memory")).toInteger(), Q_INT64_C(67108864));
    QCOMPARE(host(r).value(QStringLiteral("NanoCpus")).toInteger(), Q_INT64_C(250000000));
    QCOMPARE(host(r).value(QStringLiteral("PidsLimit")).toInteger(), Q_INT64_C(50));
    QCOMPARE(host(r).value(QStringLiteral("CpuShares")).toInteger(), Q_INT64_C(2)); // the kernel's minimum
    QCOMPARE(host(r).value(QStringLiteral("DeviceRequests")).toArray(), (QJsonArray{QJsonObject{
        {QStringLiteral("Driver"), QStringLiteral("nvidia")}, {QStringLiteral("Count"), 1},
        {QStringLiteral("Capabilities"), QJsonArray{QJsonArray{QStringLiteral("gpu"), QStringLiteral("compute")}}}}}));
}

void TestContainerConfig::portsAndExpose()
{
    INLINE_OK(t, "services:\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    ports:\n"
                 "      - '8000-8010:80'\n"
                 "      - '9000-9001:9000-9001'\n"
                 "      - '53:53/udp'\n"
                 "      - '3000'\n"
                 "      - target: 4000\n"
                 "        published: '14000'\n"
                 "        host_ip: '::1'\n"
                 "        mode: host\n"
                 "      - '127.0.0.1:8080:80'\n"
                 "    expose: ['5000', '6000-6001/udp']\n");
    const ContainerBlueprint b = t.builder().blueprints(t.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")).first();
    QVERIFY(t.builder().unsupported(t.service(QStringLiteral("app"))).isEmpty());
    auto binding = [](const char *ip, const char *port) {
        return QJsonObject{{QStringLiteral("HostIp"), QString::fromUtf8(ip)}, {QStringLiteral("HostPort"), QString::fromUtf8(port)}};
    };
    QCOMPARE(host(b).value(QStringLiteral("PortBindings")).toObject(), (QJsonObject{
        {QStringLiteral("80/tcp"), QJsonArray{binding("", "8000-8010"), binding("127.0.0.1", "8080")}},
        {QStringLiteral("9000/tcp"), QJsonArray{binding("", "9000")}},
        {QStringLiteral("9001/tcp"), QJsonArray{binding("", "9001")}},
        {QStringLiteral("53/udp"), QJsonArray{binding("", "53")}},
        {QStringLiteral("3000/tcp"), QJsonArray{binding("", "")}}, // published on a port the engine picks
        {QStringLiteral("4000/tcp"), QJsonArray{binding("::1", "14000")}},
    }));
    QStringList exposed = b.createBody.value(QStringLiteral("ExposedPorts")).toObject().keys();
    exposed.sort();
    QCOMPARE(exposed, (QStringList{QStringLiteral("3000/tcp"), QStringLiteral("4000/tcp"), QStringLiteral("5000/tcp"), QStringLiteral("53/udp"),
                                   QStringLiteral("6000/udp"), QStringLiteral("6001/udp"), QStringLiteral("80/tcp"), QStringLiteral("9000/tcp"),
                                   QStringLiteral("9001/tcp")}));
}

void TestContainerConfig::volumesAndMounts()
{
    INLINE_OK(t, "services:\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    volumes:\n"
                 "      - data:/data:nocopy\n"
                 "      - /cache\n"
                 "      - ./src:/src:ro,z\n"
                 "      - type: bind\n"
                 "        source: ./conf\n"
                 "        target: /conf\n"
                 "        read_only: true\n"
                 "        bind: {create_host_path: false, propagation: rslave}\n"
                 "      - type: bind\n"
                 "        source: ./long\n"
                 "        target: /long\n"
                 "      - type: tmpfs\n"
                 "        target: /scratch\n"
                 "        tmpfs: {size: 64m, mode: '1777'}\n"
                 "      - type: volume\n"
                 "        source: named\n"
                 "        target: /named\n"
                 "volumes:\n"
                 "  data: {}\n"
                 "  named: {name: fixed-name}\n");
    const Service &app = t.service(QStringLiteral("app"));
    QVERIFY2(t.builder().unsupported(app).isEmpty(), qPrintable(describe(t.builder().unsupported(app))));
    const QJsonObject h = host(t.builder().blueprints(app, QStringLiteral("busybox:1.36")).first());
    QCOMPARE(h.value(QStringLiteral("Binds")).toArray(), (QJsonArray{QString(t.dir + QStringLiteral("/src:/src:ro,z")), QString(t.dir + QStringLiteral("/long:/long"))}));
    QCOMPARE(h.value(QStringLiteral("Mounts")).toArray(), (QJsonArray{
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("volume")}, {QStringLiteral("Source"), QStringLiteral("proj_data")},
                    {QStringLiteral("Target"), QStringLiteral("/data")}, {QStringLiteral("VolumeOptions"), QJsonObject{{QStringLiteral("NoCopy"), true}}}},
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("volume")}, {QStringLiteral("Target"), QStringLiteral("/cache")}},
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("bind")}, {QStringLiteral("Source"), QString(t.dir + QStringLiteral("/conf"))},
                    {QStringLiteral("Target"), QStringLiteral("/conf")}, {QStringLiteral("ReadOnly"), true},
                    {QStringLiteral("BindOptions"), QJsonObject{{QStringLiteral("Propagation"), QStringLiteral("rslave")}}}},
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("tmpfs")}, {QStringLiteral("Target"), QStringLiteral("/scratch")},
                    {QStringLiteral("TmpfsOptions"), QJsonObject{{QStringLiteral("SizeBytes"), 67108864}, {QStringLiteral("Mode"), 01777}}}},
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("volume")}, {QStringLiteral("Source"), QStringLiteral("fixed-name")},
                    {QStringLiteral("Target"), QStringLiteral("/named")}},
    }));
}

void TestContainerConfig::restartPolicies()
{
    INLINE_OK(t, "services:\n"
                 "  a: {image: busybox:1.36, restart: always}\n"
                 "  b: {image: busybox:1.36, restart: 'on-failure:5'}\n"
                 "  c: {image: busybox:1.36, restart: 'no'}\n"
                 "  d:\n"
                 "    image: busybox:1.36\n"
                 "    restart: always\n"
                 "    deploy: {restart_policy: {condition: on-failure, max_attempts: 3}}\n"
                 "  e:\n"
                 "    image: busybox:1.36\n"
                 "    deploy: {restart_policy: {condition: any}}\n"
                 "  f:\n"
                 "    image: busybox:1.36\n"
                 "    deploy: {restart_policy: {condition: none}}\n");
    auto policy = [&](const char *service) {
        const Service &s = t.service(QString::fromUtf8(service));
        const Diagnostics problems = t.builder().unsupported(s);
        if (!problems.isEmpty())
            qWarning("%s", qPrintable(describe(problems)));
        return host(t.builder().blueprints(s, QStringLiteral("busybox:1.36")).first()).value(QStringLiteral("RestartPolicy")).toObject();
    };
    auto expected = [](const char *name, int count = 0) {
        QJsonObject o{{QStringLiteral("Name"), QString::fromUtf8(name)}};
        if (count)
            o.insert(QStringLiteral("MaximumRetryCount"), count);
        return o;
    };
    QCOMPARE(policy("a"), expected("always"));
    QCOMPARE(policy("b"), expected("on-failure", 5));
    QCOMPARE(policy("c"), expected("no"));
    QCOMPARE(policy("d"), expected("on-failure", 3)); // deploy.restart_policy wins, as in Compose
    QCOMPARE(policy("e"), expected("always"));
    QCOMPARE(policy("f"), expected("no"));
}

void TestContainerConfig::healthcheckAsWritten()
{
    INLINE_OK(t, "services:\n"
                 "  off:\n"
                 "    image: busybox:1.36\n"
                 "    healthcheck: {disable: true}\n"
                 "  partial:\n"
                 "    image: busybox:1.36\n"
                 "    healthcheck: {interval: 1m30s, retries: 0}\n"
                 "    stop_grace_period: 1500ms\n"
                 "  shell:\n"
                 "    image: busybox:1.36\n"
                 "    healthcheck: {test: 'curl -f http://localhost/', timeout: 250ms}\n");
    auto health = [&](const char *service) {
        const Service &s = t.service(QString::fromUtf8(service));
        return t.builder().blueprints(s, QStringLiteral("busybox:1.36")).first().createBody.value(QStringLiteral("Healthcheck")).toObject();
    };
    QCOMPARE(health("off"), (QJsonObject{{QStringLiteral("Test"), QJsonArray{QStringLiteral("NONE")}}}));
    QCOMPARE(health("partial"), (QJsonObject{{QStringLiteral("Interval"), Q_INT64_C(90000000000)}, {QStringLiteral("Retries"), 0}}));
    QCOMPARE(health("shell"), (QJsonObject{{QStringLiteral("Test"), QJsonArray{QStringLiteral("CMD-SHELL"), QStringLiteral("curl -f http://localhost/")}},
                                           {QStringLiteral("Timeout"), Q_INT64_C(250000000)}}));
    // Whole seconds, rounded up: never less time to stop than the file grants.
    QCOMPARE(t.builder().blueprints(t.service(QStringLiteral("partial")), QStringLiteral("busybox:1.36")).first()
                 .createBody.value(QStringLiteral("StopTimeout")).toInteger(), 2);
}

void TestContainerConfig::secretsAndConfigs()
{
    INLINE_OK(t, "services:\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    environment: {FROM_SERVICE: service-value}\n"
                 "    secrets:\n"
                 "      - db_password\n"
                 "      - source: api_key\n"
                 "        target: api.key\n"
                 "        uid: '1000'\n"
                 "        gid: '1000'\n"
                 "        mode: 0400\n"
                 "      - source: owned_file\n"
                 "        target: /etc/owned\n"
                 "        mode: 0440\n"
                 "    configs:\n"
                 "      - app_config\n"
                 "      - source: inline\n"
                 "        target: /etc/app/inline.conf\n"
                 "      - source: from_env\n"
                 "        target: env.conf\n"
                 "secrets:\n"
                 "  db_password: {file: ./db_password.txt}\n"
                 "  api_key: {environment: FROM_SERVICE}\n"
                 "  owned_file: {file: ./owned.txt}\n"
                 "configs:\n"
                 "  app_config: {file: ./app.conf}\n"
                 "  inline: {content: 'port = 8080'}\n"
                 "  from_env: {environment: STAGEHAND_TEST_CONFIG_VALUE}\n",
              {{QStringLiteral("db_password.txt"), "hunter2"}, {QStringLiteral("owned.txt"), "owned content"},
               {QStringLiteral("app.conf"), "a = 1"}});
    const Service &app = t.service(QStringLiteral("app"));
    ContainerConfigBuilder builder = t.builder();
    QProcessEnvironment process;
    process.insert(QStringLiteral("STAGEHAND_TEST_CONFIG_VALUE"), QStringLiteral("from the process"));
    process.insert(QStringLiteral("FROM_SERVICE"), QStringLiteral("process-value")); // the service's own wins
    builder.setProcessEnvironment(process);
    QVERIFY2(builder.unsupported(app).isEmpty(), qPrintable(describe(builder.unsupported(app))));
    const ContainerBlueprint b = builder.blueprints(app, QStringLiteral("busybox:1.36")).first();

    // Files: bind-mounted read-only (the Mount API: a missing file is an error, not a new folder).
    QCOMPARE(host(b).value(QStringLiteral("Mounts")).toArray(), (QJsonArray{
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("bind")}, {QStringLiteral("Source"), QString(t.dir + QStringLiteral("/db_password.txt"))},
                    {QStringLiteral("Target"), QStringLiteral("/run/secrets/db_password")}, {QStringLiteral("ReadOnly"), true}},
        QJsonObject{{QStringLiteral("Type"), QStringLiteral("bind")}, {QStringLiteral("Source"), QString(t.dir + QStringLiteral("/app.conf"))},
                    {QStringLiteral("Target"), QStringLiteral("/app_config")}, {QStringLiteral("ReadOnly"), true}},
    }));
    // Values: copied in before start.
    QCOMPARE(b.copies.size(), 4);
    const ContainerFileCopy &key = b.copies.at(0);
    QCOMPARE(key.directory, QStringLiteral("/run/secrets"));
    QCOMPARE(key.fileName, QStringLiteral("api.key"));
    QCOMPARE(key.content, QByteArray("service-value"));
    QCOMPARE(key.mode, 0400);
    QCOMPARE(key.uid, 1000);
    QCOMPARE(key.gid, 1000);
    const ContainerFileCopy &owned = b.copies.at(1); // a file with a mode: copied, since a bind mount keeps the file's own
    QCOMPARE(owned.directory, QStringLiteral("/etc"));
    QCOMPARE(owned.fileName, QStringLiteral("owned"));
    QCOMPARE(owned.content, QByteArray("owned content"));
    QCOMPARE(owned.mode, 0440);
    const ContainerFileCopy &inlined = b.copies.at(2);
    QCOMPARE(inlined.directory, QStringLiteral("/etc/app"));
    QCOMPARE(inlined.fileName, QStringLiteral("inline.conf"));
    QCOMPARE(inlined.content, QByteArray("port = 8080"));
    QCOMPARE(inlined.mode, 0444);
    QCOMPARE(inlined.uid, 0);
    const ContainerFileCopy &fromEnv = b.copies.at(3);
    QCOMPARE(fromEnv.directory, QStringLiteral("/"));
    QCOMPARE(fromEnv.fileName, QStringLiteral("env.conf"));
    QCOMPARE(fromEnv.content, QByteArray("from the process"));
}

void TestContainerConfig::secretFromAnUnsetVariable()
{
    INLINE_OK(t, "services:\n"            // 1
                 "  app:\n"               // 2
                 "    image: busybox:1.36\n" // 3
                 "    secrets:\n"         // 4
                 "      - token\n"        // 5
                 "secrets:\n"
                 "  token: {environment: STAGEHAND_TEST_SURELY_UNSET}\n");
    ContainerConfigBuilder builder = t.builder();
    builder.setProcessEnvironment(QProcessEnvironment());
    const Service &app = t.service(QStringLiteral("app"));
    const Diagnostics problems = builder.unsupported(app);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().message.contains(QLatin1String("STAGEHAND_TEST_SURELY_UNSET")), qPrintable(describe(problems)));
    QCOMPARE(problems.first().location.line, 5);
    QCOMPARE(problems.first().severity, Diagnostic::Severity::Error);
    QVERIFY(builder.blueprints(app, QStringLiteral("busybox:1.36")).first().copies.isEmpty());
}

void TestContainerConfig::extraNetworks()
{
    INLINE_OK(t, "services:\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    networks:\n"
                 "      front:\n"
                 "        aliases: [web, app]\n"
                 "      back:\n"
                 "        ipv4_address: 172.30.0.10\n"
                 "        priority: 100\n"
                 "      admin:\n"
                 "        link_local_ips: [169.254.8.8]\n"
                 "networks:\n"
                 "  front: {}\n"
                 "  back:\n"
                 "    ipam: {config: [{subnet: 172.30.0.0/24}]}\n"
                 "  admin: {name: shared-admin}\n");
    const Service &app = t.service(QStringLiteral("app"));
    QVERIFY2(t.builder().unsupported(app).isEmpty(), qPrintable(describe(t.builder().unsupported(app))));
    QCOMPARE(ContainerConfigBuilder::networksByPriority(app), (QStringList{QStringLiteral("back"), QStringLiteral("admin"), QStringLiteral("front")}));
    const ContainerBlueprint b = t.builder().blueprints(app, QStringLiteral("busybox:1.36")).first();
    // The highest priority first, in the create body (API 1.41 takes one network there).
    QCOMPARE(host(b).value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("proj_back"));
    QCOMPARE(endpoints(b), (QJsonObject{{QStringLiteral("proj_back"), QJsonObject{
        {QStringLiteral("Aliases"), QJsonArray{QStringLiteral("app")}},
        {QStringLiteral("IPAMConfig"), QJsonObject{{QStringLiteral("IPv4Address"), QStringLiteral("172.30.0.10")}}}}}}));
    // The others connected after create, by their engine names.
    QCOMPARE(b.extraNetworks.size(), 2);
    QCOMPARE(b.extraNetworks.at(0).network, QStringLiteral("shared-admin"));
    QCOMPARE(b.extraNetworks.at(0).endpoint, (QJsonObject{
        {QStringLiteral("Aliases"), QJsonArray{QStringLiteral("app")}},
        {QStringLiteral("IPAMConfig"), QJsonObject{{QStringLiteral("LinkLocalIPs"), QJsonArray{QStringLiteral("169.254.8.8")}}}}}));
    QCOMPARE(b.extraNetworks.at(1).network, QStringLiteral("proj_front"));
    QCOMPARE(b.extraNetworks.at(1).endpoint, (QJsonObject{{QStringLiteral("Aliases"), QJsonArray{QStringLiteral("app"), QStringLiteral("web")}}}));

    // A change of an extra network changes the hash.
    Service changed = app;
    changed.networks[QStringLiteral("front")].aliases = QStringList{QStringLiteral("web"), QStringLiteral("www")};
    QVERIFY(t.builder().configHash(changed, QStringLiteral("busybox:1.36")) != t.builder().configHash(app, QStringLiteral("busybox:1.36")));
}

void TestContainerConfig::replicas()
{
    INLINE_OK(t, "services:\n"
                 "  deployed: {image: busybox:1.36, deploy: {replicas: 3, mode: replicated}}\n"
                 "  scaled: {image: busybox:1.36, scale: 2}\n"
                 "  none: {image: busybox:1.36, deploy: {replicas: 0}}\n"
                 "  both: {image: busybox:1.36, scale: 2, deploy: {replicas: 3}}\n"
                 "  named: {image: busybox:1.36, container_name: fixed, deploy: {replicas: 2}}\n");
    const ContainerConfigBuilder builder = t.builder();
    auto names = [&](const char *service) {
        QStringList result;
        for (const ContainerBlueprint &b : builder.blueprints(t.service(QString::fromUtf8(service)), QStringLiteral("busybox:1.36")))
            result.append(QStringLiteral("%1#%2").arg(b.name).arg(b.number));
        return result;
    };
    QCOMPARE(builder.replicas(t.service(QStringLiteral("deployed"))), 3);
    QCOMPARE(names("deployed"), (QStringList{QStringLiteral("proj-deployed-1#1"), QStringLiteral("proj-deployed-2#2"), QStringLiteral("proj-deployed-3#3")}));
    QVERIFY(builder.unsupported(t.service(QStringLiteral("deployed"))).isEmpty());
    QCOMPARE(names("scaled"), (QStringList{QStringLiteral("proj-scaled-1#1"), QStringLiteral("proj-scaled-2#2")}));
    QVERIFY(builder.unsupported(t.service(QStringLiteral("scaled"))).isEmpty());
    QCOMPARE(builder.replicas(t.service(QStringLiteral("none"))), 0);
    QVERIFY(names("none").isEmpty());
    const Diagnostics both = builder.unsupported(t.service(QStringLiteral("both")));
    QCOMPARE(both.size(), 1);
    QVERIFY(both.first().message.contains(QLatin1String("'scale'")));
    QCOMPARE(builder.replicas(t.service(QStringLiteral("both"))), 3);
    const Diagnostics named = builder.unsupported(t.service(QStringLiteral("named")));
    QCOMPARE(named.size(), 1);
    QVERIFY(named.first().message.contains(QLatin1String("'container_name' allows one container")));
    QCOMPARE(names("named"), QStringList{QStringLiteral("fixed#1")});
}

void TestContainerConfig::networkModes()
{
    INLINE_OK(t, "services:\n"
                 "  vpn:\n"
                 "    image: busybox:1.36\n"
                 "  app:\n"
                 "    image: busybox:1.36\n"
                 "    network_mode: service:vpn\n"
                 "  hosted:\n"
                 "    image: busybox:1.36\n"
                 "    network_mode: host\n"
                 "  isolated:\n"
                 "    image: busybox:1.36\n"
                 "    network_mode: none\n");
    const ContainerConfigBuilder builder = t.builder();
    const ContainerBlueprint app = builder.blueprints(t.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")).first();
    QCOMPARE(app.networkModeService, QStringLiteral("vpn"));
    QVERIFY(!host(app).contains(QStringLiteral("NetworkMode"))); // container:<id> is the deployer's, at create time
    QVERIFY(!app.createBody.contains(QStringLiteral("NetworkingConfig")));
    QVERIFY(app.extraNetworks.isEmpty());
    QVERIFY(builder.unsupported(t.service(QStringLiteral("app"))).isEmpty());
    const ContainerBlueprint hosted = builder.blueprints(t.service(QStringLiteral("hosted")), QStringLiteral("busybox:1.36")).first();
    QCOMPARE(host(hosted).value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("host"));
    QVERIFY(!hosted.createBody.contains(QStringLiteral("NetworkingConfig")));
    QVERIFY(hosted.networkModeService.isEmpty());
    QCOMPARE(host(builder.blueprints(t.service(QStringLiteral("isolated")), QStringLiteral("busybox:1.36")).first()).value(QStringLiteral("NetworkMode")).toString(),
             QStringLiteral("none"));
    // A service without networks joins the project's default network, under its name.
    const ContainerBlueprint vpn = builder.blueprints(t.service(QStringLiteral("vpn")), QStringLiteral("busybox:1.36")).first();
    QCOMPARE(host(vpn).value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("proj_default"));
    QCOMPARE(endpoints(vpn), (QJsonObject{{QStringLiteral("proj_default"), QJsonObject{{QStringLiteral("Aliases"), QJsonArray{QStringLiteral("vpn")}}}}}));
    // The hash follows the service whose network it shares.
    Service other = t.service(QStringLiteral("app"));
    other.networkMode = QStringLiteral("service:hosted");
    QVERIFY(builder.configHash(other, QStringLiteral("busybox:1.36")) != builder.configHash(t.service(QStringLiteral("app")), QStringLiteral("busybox:1.36")));
}

QTEST_GUILESS_MAIN(TestContainerConfig)
#include "tst_containerconfig.moc"

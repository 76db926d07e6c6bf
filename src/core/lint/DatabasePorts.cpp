#include "lint/DatabasePorts.h"

#include "lint/LintRule.h"

#include <QList>
#include <QStringList>

namespace stagehand {
namespace {

struct Database {
    QString product;
    QStringList names; // image name components
    QList<int> ports;  // container ports
};

const QList<Database> &catalog()
{
    static const QList<Database> databases{
        {QStringLiteral("PostgreSQL"),
         {QStringLiteral("postgres"), QStringLiteral("postgresql"), QStringLiteral("postgis"), QStringLiteral("timescaledb"),
          QStringLiteral("pgvector"), QStringLiteral("supabase-postgres")},
         {5432}},
        {QStringLiteral("MySQL"),
         {QStringLiteral("mysql"), QStringLiteral("mariadb"), QStringLiteral("percona"), QStringLiteral("percona-server")},
         {3306, 33060}},
        {QStringLiteral("MongoDB"), {QStringLiteral("mongo"), QStringLiteral("mongodb"), QStringLiteral("mongodb-community-server")}, {27017}},
        {QStringLiteral("Redis"),
         {QStringLiteral("redis"), QStringLiteral("redis-stack"), QStringLiteral("redis-stack-server"), QStringLiteral("valkey"),
          QStringLiteral("keydb"), QStringLiteral("dragonfly")},
         {6379}},
        {QStringLiteral("Elasticsearch"), {QStringLiteral("elasticsearch"), QStringLiteral("opensearch")}, {9200, 9300}},
        {QStringLiteral("SQL Server"), {QStringLiteral("mssql"), QStringLiteral("mssql-server"), QStringLiteral("azure-sql-edge")}, {1433}},
        {QStringLiteral("CouchDB"), {QStringLiteral("couchdb")}, {5984}},
        {QStringLiteral("Chroma"), {QStringLiteral("chroma"), QStringLiteral("chromadb")}, {8000}},
        {QStringLiteral("Cassandra"), {QStringLiteral("cassandra"), QStringLiteral("scylla")}, {9042}},
        {QStringLiteral("Memcached"), {QStringLiteral("memcached")}, {11211}},
        {QStringLiteral("InfluxDB"), {QStringLiteral("influxdb")}, {8086}},
        {QStringLiteral("ClickHouse"), {QStringLiteral("clickhouse"), QStringLiteral("clickhouse-server")}, {8123, 9000}},
        {QStringLiteral("Neo4j"), {QStringLiteral("neo4j")}, {7474, 7687}},
        {QStringLiteral("Qdrant"), {QStringLiteral("qdrant")}, {6333, 6334}},
        {QStringLiteral("CockroachDB"), {QStringLiteral("cockroach")}, {26257}},
        {QStringLiteral("etcd"), {QStringLiteral("etcd")}, {2379}},
        {QStringLiteral("Milvus"), {QStringLiteral("milvus"), QStringLiteral("milvus-standalone")}, {19530}},
        {QStringLiteral("Oracle Database"), {QStringLiteral("oracle-xe"), QStringLiteral("oracle-free"), QStringLiteral("oracle-database")}, {1521}},
    };
    return databases;
}

// The path components of an image's repository, without registry port, tag or digest.
QStringList nameComponents(QString image)
{
    if (const qsizetype at = image.indexOf(u'@'); at >= 0)
        image.truncate(at);
    const qsizetype slash = image.lastIndexOf(u'/');
    if (const qsizetype colon = image.lastIndexOf(u':'); colon > slash)
        image.truncate(colon);
    return image.toLower().split(u'/', Qt::SkipEmptyParts);
}

} // namespace

QString DatabasePorts::databaseFor(const QString &image, int containerPort)
{
    const QStringList components = nameComponents(image);
    for (const Database &database : catalog()) {
        if (!database.ports.contains(containerPort))
            continue;
        for (const QString &component : components) {
            for (const QString &name : database.names) {
                // "postgres", and variants such as "postgres-alpine" or "timescaledb-ha"
                if (component == name || component.startsWith(name + u'-'))
                    return database.product;
            }
        }
    }
    return {};
}

bool DatabasePorts::isAllInterfaces(const QString &hostIp)
{
    return hostIp.isEmpty() || hostIp == QLatin1String("0.0.0.0") || hostIp == QLatin1String("::") || hostIp == QLatin1String("[::]");
}

void DatabasePorts::check(const LintContext &context, Diagnostics &findings)
{
    const ComposeModel *model = context.model();
    if (!model)
        return;
    for (const Service &service : model->services) {
        QList<SourceLocation> seen; // a range is one entry
        for (const PortMapping &port : service.ports) {
            if (!isAllInterfaces(port.hostIp) || seen.contains(port.location))
                continue;
            const QString product = databaseFor(service.image.isEmpty() ? service.name : service.image, port.target);
            if (product.isEmpty())
                continue;
            seen.append(port.location);
            const QString hostPort = !port.isPublished() ? QStringLiteral("a random host port")
                                     : port.isRange()    ? QStringLiteral("host ports %1-%2").arg(port.published).arg(port.publishedEnd)
                                                         : QStringLiteral("host port %1").arg(port.published);
            const QString where = port.hostIp.isEmpty() ? QStringLiteral("all interfaces") : QStringLiteral("all interfaces (%1)").arg(port.hostIp);
            const QString message = QStringLiteral("service '%1' publishes its %2 port %3 on %4 of %5: anyone who can reach "
                                                   "this host can try to log in")
                                        .arg(service.name, product)
                                        .arg(port.target)
                                        .arg(hostPort, where);
            findings.append(LintRule::finding(Diagnostic::Severity::Warning, LintRule::databasePortPublic(), port.location, service.name,
                message,
                QStringLiteral("bind it to 127.0.0.1 (\"127.0.0.1:%1:%2\") when only this host needs it, or remove the published "
                               "port: the other services reach '%3' over the Compose network")
                    .arg(port.isPublished() ? QString::number(port.published) : QString())
                    .arg(port.target)
                    .arg(service.name)));
        }
    }
}

} // namespace stagehand

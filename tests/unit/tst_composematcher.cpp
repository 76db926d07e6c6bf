// ComposeMatcher: an environment matched to its containers by Compose labels, whatever the names.

#include "docker/ComposeMatcher.h"
#include "project/EnvironmentResolver.h"

#include <QtTest>

using namespace stagehand;

namespace {

// A container as GET /containers/json lists it, with Compose's labels when project is not empty.
ContainerSummary container(const QString &name, const QString &project, const QString &service, int number, bool oneOff = false)
{
    ContainerSummary c;
    c.id = QStringLiteral("id-") + name;
    c.names = {name};
    c.state = QStringLiteral("running");
    if (!project.isEmpty())
        c.labels.insert(ComposeMatcher::projectLabel(), project);
    if (!service.isEmpty())
        c.labels.insert(ComposeMatcher::serviceLabel(), service);
    if (number > 0)
        c.labels.insert(ComposeMatcher::numberLabel(), QString::number(number));
    c.labels.insert(ComposeMatcher::oneOffLabel(), oneOff ? QStringLiteral("True") : QStringLiteral("False"));
    return c;
}

QStringList names(const QList<ContainerSummary> &containers)
{
    QStringList out;
    for (const ContainerSummary &c : containers)
        out.append(c.name());
    return out;
}

} // namespace

class TestComposeMatcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void compose129Names();
    void composeV2Names();
    void namesDoNotMatter();
    void orphans();
    void oneOffs();
    void otherProjectsAreIgnored();
    void orderedByNumber();
    void fromResolvedEnvironment();
    void labelHelpers();
};

void TestComposeMatcher::compose129Names()
{
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop_web_1"), QStringLiteral("shop"), QStringLiteral("web"), 1),
        container(QStringLiteral("shop_db_1"), QStringLiteral("shop"), QStringLiteral("db"), 1)};
    const EnvironmentContainers m =
        ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web"), QStringLiteral("db")}, containers);
    QCOMPARE(m.project, QStringLiteral("shop"));
    QCOMPARE(names(m.services.value(QStringLiteral("web"))), QStringList{QStringLiteral("shop_web_1")});
    QCOMPARE(names(m.services.value(QStringLiteral("db"))), QStringList{QStringLiteral("shop_db_1")});
    QVERIFY(m.orphans.isEmpty());
    QVERIFY(m.oneOffs.isEmpty());
}

void TestComposeMatcher::composeV2Names()
{
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop-web-1"), QStringLiteral("shop"), QStringLiteral("web"), 1),
        container(QStringLiteral("shop-db-1"), QStringLiteral("shop"), QStringLiteral("db"), 1)};
    const EnvironmentContainers m =
        ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web"), QStringLiteral("db")}, containers);
    QCOMPARE(names(m.services.value(QStringLiteral("web"))), QStringList{QStringLiteral("shop-web-1")});
    QCOMPARE(names(m.services.value(QStringLiteral("db"))), QStringList{QStringLiteral("shop-db-1")});
    QCOMPARE(m.all().size(), 2);
}

void TestComposeMatcher::namesDoNotMatter()
{
    // container_name: and a container named like the project's but without its labels.
    const QList<ContainerSummary> containers{
        container(QStringLiteral("my-own-name"), QStringLiteral("shop"), QStringLiteral("web"), 1),
        container(QStringLiteral("shop_web_2"), QString(), QString(), 0),
        container(QStringLiteral("shop-web-3"), QStringLiteral("other"), QStringLiteral("web"), 3)};
    const EnvironmentContainers m = ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web")}, containers);
    QCOMPARE(names(m.all()), QStringList{QStringLiteral("my-own-name")});
}

void TestComposeMatcher::orphans()
{
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop_web_1"), QStringLiteral("shop"), QStringLiteral("web"), 1),
        container(QStringLiteral("shop_old_1"), QStringLiteral("shop"), QStringLiteral("old"), 1),
        container(QStringLiteral("shop-nolabel"), QStringLiteral("shop"), QString(), 0)};
    const EnvironmentContainers m =
        ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web"), QStringLiteral("db")}, containers);
    QCOMPARE(names(m.services.value(QStringLiteral("web"))), QStringList{QStringLiteral("shop_web_1")});
    QVERIFY(m.services.contains(QStringLiteral("db")));
    QVERIFY(m.services.value(QStringLiteral("db")).isEmpty());
    QVERIFY(!m.services.contains(QStringLiteral("old")));
    QCOMPARE(names(m.orphans), QStringList({QStringLiteral("shop-nolabel"), QStringLiteral("shop_old_1")}));
}

void TestComposeMatcher::oneOffs()
{
    // docker-compose 1.29: shop_web_run_1a2b3c; Compose v2: shop-web-run-1a2b3c; neither is an orphan.
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop_web_1"), QStringLiteral("shop"), QStringLiteral("web"), 1),
        container(QStringLiteral("shop_web_run_1a2b3c"), QStringLiteral("shop"), QStringLiteral("web"), 1, true),
        container(QStringLiteral("shop-gone-run-4d5e6f"), QStringLiteral("shop"), QStringLiteral("gone"), 1, true)};
    const EnvironmentContainers m = ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web")}, containers);
    QCOMPARE(names(m.services.value(QStringLiteral("web"))), QStringList{QStringLiteral("shop_web_1")});
    QCOMPARE(names(m.oneOffs), QStringList({QStringLiteral("shop-gone-run-4d5e6f"), QStringLiteral("shop_web_run_1a2b3c")}));
    QVERIFY(m.orphans.isEmpty());
    QCOMPARE(names(m.all()), QStringList({QStringLiteral("shop_web_1"), QStringLiteral("shop-gone-run-4d5e6f"),
                                          QStringLiteral("shop_web_run_1a2b3c")}));

    ContainerSummary lower = container(QStringLiteral("x"), QStringLiteral("shop"), QStringLiteral("web"), 1);
    lower.labels.insert(ComposeMatcher::oneOffLabel(), QStringLiteral("true"));
    QVERIFY(ComposeMatcher::isOneOff(lower));
    lower.labels.remove(ComposeMatcher::oneOffLabel());
    QVERIFY(!ComposeMatcher::isOneOff(lower));
}

void TestComposeMatcher::otherProjectsAreIgnored()
{
    // A project whose name starts like ours, and one named like ours but in upper case.
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop2_web_1"), QStringLiteral("shop2"), QStringLiteral("web"), 1),
        container(QStringLiteral("Shop_web_1"), QStringLiteral("Shop"), QStringLiteral("web"), 1)};
    const EnvironmentContainers m = ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web")}, containers);
    QVERIFY(m.isEmpty());
}

void TestComposeMatcher::orderedByNumber()
{
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop_web_10"), QStringLiteral("shop"), QStringLiteral("web"), 10),
        container(QStringLiteral("shop_web_2"), QStringLiteral("shop"), QStringLiteral("web"), 2),
        container(QStringLiteral("shop-web-1"), QStringLiteral("shop"), QStringLiteral("web"), 1)};
    const EnvironmentContainers m = ComposeMatcher::match(QStringLiteral("shop"), {QStringLiteral("web")}, containers);
    QCOMPARE(names(m.services.value(QStringLiteral("web"))),
             QStringList({QStringLiteral("shop-web-1"), QStringLiteral("shop_web_2"), QStringLiteral("shop_web_10")}));
    QCOMPARE(ComposeMatcher::containerNumber(m.services.value(QStringLiteral("web")).last()), 10);
}

void TestComposeMatcher::fromResolvedEnvironment()
{
    ResolvedEnvironment resolved;
    resolved.environment = QStringLiteral("staging");
    ComposeModel model;
    model.name = QStringLiteral("shop-staging");
    Service web;
    web.name = QStringLiteral("web");
    model.services.insert(web.name, web);
    resolved.model = model;
    const QList<ContainerSummary> containers{
        container(QStringLiteral("shop-staging_web_1"), QStringLiteral("shop-staging"), QStringLiteral("web"), 1),
        container(QStringLiteral("shop-staging_db_1"), QStringLiteral("shop-staging"), QStringLiteral("db"), 1)};
    const EnvironmentContainers m = ComposeMatcher::match(resolved, containers);
    QCOMPARE(m.project, QStringLiteral("shop-staging"));
    QCOMPARE(m.services.keys(), QStringList{QStringLiteral("web")});
    QCOMPARE(names(m.orphans), QStringList{QStringLiteral("shop-staging_db_1")});

    const EnvironmentContainers none = ComposeMatcher::match(ResolvedEnvironment{}, containers);
    QVERIFY(none.isEmpty());
}

void TestComposeMatcher::labelHelpers()
{
    const auto filters = ComposeMatcher::filters(QStringLiteral("shop"));
    QCOMPARE(filters.value(QStringLiteral("label")), QStringList{QStringLiteral("com.docker.compose.project=shop")});
    ContainerSummary bad = container(QStringLiteral("x"), QStringLiteral("shop"), QStringLiteral("web"), 0);
    bad.labels.insert(ComposeMatcher::numberLabel(), QStringLiteral("abc"));
    QCOMPARE(ComposeMatcher::containerNumber(bad), 0);
}

QTEST_GUILESS_MAIN(TestComposeMatcher)
#include "tst_composematcher.moc"

#include "analysis/PortMap.h"
#include "models/FindingsFilterProxyModel.h"
#include "models/FindingsModel.h"
#include "models/PortMapFilterProxyModel.h"
#include "models/PortMapModel.h"
#include "models/ServiceFilterProxyModel.h"
#include "models/ServiceTableModel.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace stagehand;

// Every item model of the GUI, checked by QAbstractItemModelTester while it is filled, filtered and reset.
class TestModels : public QObject {
    Q_OBJECT

private:
    static ComposeModel seedStaging()
    {
        const ProjectLoadResult loaded = ProjectLoader::load(QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging"));
        if (!loaded.project)
            return {};
        const ResolvedEnvironment env = EnvironmentResolver().resolve(*loaded.project, QStringLiteral("staging"));
        return env.model.value_or(ComposeModel{});
    }

private Q_SLOTS:
    void services()
    {
        ServiceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ServiceFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        const ComposeModel seed = seedStaging();
        QCOMPARE(seed.services.size(), 9);
        model.setEnvironment(seed);
        QCOMPARE(model.rowCount(), 9);
        proxy.setFilterText(QStringLiteral("postgres"));
        QVERIFY(proxy.rowCount() >= 1);
        QVERIFY(proxy.rowCount() < 9);
        proxy.setFilterText(QStringLiteral("8001")); // api-staging and chromadb-staging publish it
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 9);
        proxy.sort(ServiceTableModel::Image);
        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
    }

    void findings()
    {
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FindingsFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        Diagnostics findings{Diagnostic::warning({QStringLiteral("/p/compose.yaml"), 3, 5}, QStringLiteral("image uses latest")),
                             Diagnostic::error({QStringLiteral("/p/compose.yaml"), 9, 1}, QStringLiteral("cycle")),
                             Diagnostic::info({QStringLiteral("/p/.env"), 1, 1}, QStringLiteral("note"))};
        model.setFindings(findings);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, FindingsModel::Location).data().toString(), QStringLiteral("compose.yaml:3:5"));
        proxy.setMaximumSeverity(0);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setMaximumSeverity(1);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setMaximumSeverity(2);
        proxy.setFilterText(QStringLiteral("cycle"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText(QString());
        proxy.sort(FindingsModel::Severity);
        QCOMPARE(proxy.index(0, FindingsModel::Message).data().toString(), QStringLiteral("cycle"));
        model.setFindings({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void portMap()
    {
        const ProjectLoadResult loaded = ProjectLoader::load(QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging"));
        QVERIFY(loaded.project);
        PortCheckOptions options;
        options.probeHost = false;
        options.probeEngine = false;
        const PortCheckResult result = PortCheck().run(*loaded.project, options);

        PortMapModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PortMapFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPortMap(PortMap::build(result));
        QVERIFY(model.rowCount() > 5);
        QCOMPARE(model.headerData(model.columnCount() - 1, Qt::Horizontal).toString(), QStringLiteral("Host"));

        // The seed's clash: staging api and chromadb both on 8001; dev and staging side by side also want 8001.
        int row8001 = -1;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.headerData(row, Qt::Vertical).toString() == QStringLiteral("8001/tcp"))
                row8001 = row;
        }
        QVERIFY(row8001 >= 0);
        const int staging = int(model.portMap().columns.indexOf(QStringLiteral("staging")));
        const int dev = int(model.portMap().columns.indexOf(QStringLiteral("dev")));
        QVERIFY(staging >= 0 && dev >= 0);
        QCOMPARE(model.index(row8001, staging).data(PortMapModel::StateRole).toInt(), int(PortMap::Cell::State::Conflict));
        QCOMPARE(model.index(row8001, dev).data(PortMapModel::StateRole).toInt(), int(PortMap::Cell::State::Conflict));
        QVERIFY(model.index(row8001, staging).data(Qt::ToolTipRole).toString().contains(QStringLiteral("chromadb-staging")));
        QVERIFY(model.conflictCount() >= 1);

        proxy.setConflictsOnly(true);
        QCOMPARE(proxy.rowCount(), model.conflictCount());
        proxy.setConflictsOnly(false);
        QCOMPARE(proxy.rowCount(), model.rowCount());
        model.setPortMap({});
        QCOMPARE(proxy.rowCount(), 0);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"

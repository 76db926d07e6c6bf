#include "DemoProject.h"
#include "MainWindow.h"
#include "util/Logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("stagehand"));
    QApplication::setApplicationName(QStringLiteral("stagehand"));
    QApplication::setApplicationDisplayName(QStringLiteral("Stagehand"));
    QApplication::setApplicationVersion(QStringLiteral(STAGEHAND_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.stagehand.Stagehand"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run a team's multi-service staging environment on Docker."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A project folder, its stagehand.yaml, or a Compose file (default: the demo)."));
    parser.process(app);

    stagehand::Logging::initialize(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs"),
                                   stagehand::Logging::Level::Warning, stagehand::Logging::Level::Info);

    stagehand::MainWindow window;
    window.show();
    QString project = parser.positionalArguments().value(0);
    if (project.isEmpty()) {
        QString error;
        project = stagehand::DemoProject::ensureExtracted(&error);
        if (project.isEmpty())
            QMessageBox::warning(&window, QObject::tr("Stagehand"), QObject::tr("The demo project could not be prepared: %1").arg(error));
    }
    if (!project.isEmpty())
        window.openProject(project);
    return QApplication::exec();
}

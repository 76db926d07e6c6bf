#include "DemoProject.h"
#include "MainWindow.h"
#include "util/Logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("stagehand"));
    QApplication::setApplicationName(QStringLiteral("stagehand"));
    QApplication::setApplicationDisplayName(QStringLiteral("Stagehand"));
    QApplication::setApplicationVersion(QStringLiteral(STAGEHAND_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.stagehand.Stagehand"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.stagehand.Stagehand.svg")));

    // Translations by the UI language: Qt's own from the system, ours embedded (src/gui/CMakeLists.txt).
    // English is the fallback, for its plural forms.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("stagehand"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || appTranslator.load(QStringLiteral(":/i18n/stagehand_en.qm")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Run a team's multi-service staging environment on Docker."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QObject::tr("A project folder, its stagehand.yaml, or a Compose file (default: the demo)."));
    parser.process(app);

    // Log levels come from the settings (logging/console, logging/file).
    const QSettings settings;
    using stagehand::Logging;
    Logging::initialize(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs"),
                        Logging::parseLevel(settings.value(QStringLiteral("logging/console")).toString(), Logging::Level::Warning),
                        Logging::parseLevel(settings.value(QStringLiteral("logging/file")).toString(), Logging::Level::Info));

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

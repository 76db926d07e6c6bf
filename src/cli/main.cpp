#include "CliApplication.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("stagehand"));
    QCoreApplication::setApplicationName(QStringLiteral("stagehand"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STAGEHAND_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    stagehand::cli::CliApplication cli(out, err);
    return cli.run(QCoreApplication::arguments());
}

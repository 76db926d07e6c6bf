#include "PullCommand.h"

#include "ExitCode.h"
#include "docker/EngineStream.h"

#include <QSet>

#include <memory>

namespace stagehand::cli {

void PullCommand::addOptions(QCommandLineParser &parser)
{
    addEngineOptions(parser);
    parser.addPositionalArgument(QStringLiteral("image"), QStringLiteral("The image: name[:tag] or name@digest."),
                                 QStringLiteral("IMAGE"));
}

int PullCommand::run(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        m_err << "pull: expected one IMAGE, got " << positional.size() << Qt::endl;
        return ExitCode::UsageError;
    }
    QString reference = positional.first();
    // As docker: no tag and no digest means :latest.
    const qsizetype slash = reference.lastIndexOf(u'/');
    if (!reference.contains(u'@') && !reference.mid(slash + 1).contains(u':'))
        reference += QStringLiteral(":latest");

    int code = ExitCode::Success;
    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code);
    if (!client)
        return code;
    const std::unique_ptr<EngineStream> stream(client->pullImage(reference));
    QSet<QString> printed; // "<layer>/<status>": each once, not every progress tick
    QObject::connect(stream.get(), &EngineStream::progressReceived, &loop, [this, &printed](const QJsonObject &progress) {
        const QString layer = progress.value(QLatin1String("id")).toString();
        const QString status = progress.value(QLatin1String("status")).toString();
        if (status.isEmpty())
            return;
        const QString key = layer + u'/' + status;
        if (printed.contains(key))
            return;
        printed.insert(key);
        m_err << (layer.isEmpty() ? status : layer + QStringLiteral(": ") + status) << Qt::endl;
    });
    QObject::connect(stream.get(), &EngineStream::finished, &loop, [this, &loop, &reference](const EngineError &error) {
        if (!error.isError()) {
            m_out << reference << Qt::endl;
            loop.quit(ExitCode::Success);
        } else if (error.kind != EngineError::Kind::Cancelled) {
            loop.quit(engineFailure(error, QStringLiteral("pulling ") + reference));
        } else {
            loop.quit(ExitCode::Success);
        }
    });
    return loop.exec();
}

} // namespace stagehand::cli

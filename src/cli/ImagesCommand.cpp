#include "ImagesCommand.h"

#include "ExitCode.h"
#include "HumanUnits.h"
#include "TextTable.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace stagehand::cli {

void ImagesCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({{QStringLiteral("a"), QStringLiteral("all")}, QStringLiteral("Intermediate images too.")});
    addFormatOption(parser, {QStringLiteral("text"), QStringLiteral("json")});
    addEngineOptions(parser);
}

QJsonObject ImagesCommand::toJson(const ImageSummary &image)
{
    QJsonObject labels;
    for (auto it = image.labels.cbegin(); it != image.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("id"), image.id},
                       {QStringLiteral("repo_tags"), QJsonArray::fromStringList(image.repoTags)},
                       {QStringLiteral("repo_digests"), QJsonArray::fromStringList(image.repoDigests)},
                       {QStringLiteral("size"), image.size},
                       {QStringLiteral("created"), image.created.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("labels"), labels}};
}

int ImagesCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    const std::optional<QString> format = checkFormat(parser, &code);
    if (!format)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "images: unexpected argument '" << parser.positionalArguments().first() << "'" << Qt::endl;
        return ExitCode::UsageError;
    }
    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code);
    if (!client)
        return code;
    const bool all = parser.isSet(QStringLiteral("all"));
    const auto answer = loop.await(client->request(QByteArrayLiteral("GET"), QStringLiteral("/images/json"),
                                                   {{QStringLiteral("all"), all ? QStringLiteral("1") : QStringLiteral("0")}}));
    if (loop.interrupted())
        return ExitCode::Success;
    if (!answer.ok())
        return engineFailure(answer.error, QStringLiteral("listing images"));
    QList<ImageSummary> images;
    for (const QJsonValue &value : answer->array())
        images.append(ImageSummary::fromJson(value.toObject()));
    std::stable_sort(images.begin(), images.end(),
                     [](const ImageSummary &a, const ImageSummary &b) { return a.created > b.created; });

    if (*format == QLatin1String("json")) {
        QJsonArray array;
        for (const ImageSummary &image : images)
            array.append(toJson(image));
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        m_out.flush();
        return ExitCode::Success;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QStringList> rows{{QStringLiteral("REPOSITORY"), QStringLiteral("TAG"), QStringLiteral("IMAGE ID"),
                             QStringLiteral("CREATED"), QStringLiteral("SIZE")}};
    for (const ImageSummary &image : images) {
        QString id = image.id;
        if (id.startsWith(QLatin1String("sha256:")))
            id = id.mid(7);
        const QString created = HumanUnits::humanDuration(image.created.secsTo(now)) + QStringLiteral(" ago");
        const QString size = HumanUnits::humanSize(double(image.size));
        QStringList tags = image.repoTags;
        tags.removeAll(QStringLiteral("<none>:<none>"));
        if (tags.isEmpty())
            tags.append(QStringLiteral("<none>:<none>"));
        for (const QString &tag : std::as_const(tags)) {
            const qsizetype colon = tag.lastIndexOf(u':');
            rows.append({tag.left(colon), tag.mid(colon + 1), id.left(12), created, size});
        }
    }
    m_out << TextTable::format(rows, 3);
    m_out.flush();
    return ExitCode::Success;
}

} // namespace stagehand::cli

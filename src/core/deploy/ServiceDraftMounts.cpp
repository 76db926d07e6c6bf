// ServiceDraft: what is mounted or copied into the container: volumes, secrets and configs.

#include "deploy/ServiceDraft.h"

#include "deploy/DraftValues.h"

#include <QFile>

namespace stagehand {
namespace {

QString joinPath(const QString &directory, const QString &name)
{
    return directory.endsWith(QLatin1Char('/')) ? QString(directory + name) : QString(directory + QLatin1Char('/') + name);
}

// The engine's file mode for tmpfs: a string is octal ("1777", "0o1777"), a number is taken as written.
std::optional<qint64> fileMode(const QJsonValue &value)
{
    if (value.isString()) {
        QString t = value.toString();
        if (t.startsWith(QLatin1String("0o")))
            t = t.mid(2);
        bool ok = false;
        const qint64 mode = t.toLongLong(&ok, 8);
        return ok ? std::optional<qint64>(mode) : std::nullopt;
    }
    return DraftValues::integer(value);
}

// What every entry of the Mounts field has: Type, Target, ReadOnly, Consistency.
QJsonObject mountObject(const VolumeMount &mount)
{
    QJsonObject m;
    m.insert(QStringLiteral("Type"), mount.type);
    m.insert(QStringLiteral("Target"), mount.target);
    if (mount.readOnly)
        m.insert(QStringLiteral("ReadOnly"), true);
    if (!mount.consistency.isEmpty())
        m.insert(QStringLiteral("Consistency"), mount.consistency);
    return m;
}

} // namespace

// ---- volumes ----------------------------------------------------------------------------------

void ServiceDraft::addVolumes()
{
    for (const VolumeMount &mount : m_service.volumes) {
        m_targets.insert(mount.target);
        if (mount.type == QLatin1String("volume")) {
            addVolumeMount(mount);
        } else if (mount.type == QLatin1String("bind")) {
            addBindMount(mount);
        } else if (mount.type == QLatin1String("tmpfs")) {
            addTmpfsMount(mount);
        } else if (mount.type == QLatin1String("npipe")) {
            reportMount(mount, QStringLiteral("is a named pipe, which applies to Windows engines only"));
        } else if (mount.type == QLatin1String("cluster")) {
            reportMount(mount, QStringLiteral("is a cluster volume, a swarm feature a single engine cannot mount"));
        } else if (mount.type == QLatin1String("image")) {
            reportMount(mount, QStringLiteral("mounts an image, which needs Engine API 1.47 (Docker 28); Stagehand deploys with API %1").arg(QLatin1String(DraftReporter::EngineApi)));
        } else {
            reportMount(mount, QStringLiteral("has the volume type '%1', which Stagehand does not support").arg(mount.type));
        }
    }
}

void ServiceDraft::reportMount(const VolumeMount &mount, const QString &why) const
{
    m_report.at(mount.location, QStringLiteral("volumes (%1)").arg(mount.target), why);
}

void ServiceDraft::addVolumeMount(const VolumeMount &mount)
{
    QJsonObject m = mountObject(mount);
    if (!mount.source.isEmpty()) // empty: an anonymous volume
        m.insert(QStringLiteral("Source"), m_model.volumes.contains(mount.source) ? m_model.volumes.value(mount.source).name : mount.source);
    QJsonObject options;
    for (auto it = mount.volumeOptions.begin(); it != mount.volumeOptions.end(); ++it) {
        if (it.key() == QLatin1String("nocopy")) {
            if (auto b = DraftValues::boolean(it.value()); b && *b)
                options.insert(QStringLiteral("NoCopy"), true);
        } else if (it.key() == QLatin1String("subpath")) {
            reportMount(mount, QStringLiteral("uses volume.subpath, which needs Engine API 1.45 (Docker 26); Stagehand deploys with API %1").arg(QLatin1String(DraftReporter::EngineApi)));
        } else {
            reportMount(mount, QStringLiteral("uses volume.%1, which Stagehand does not support").arg(it.key()));
        }
    }
    if (!options.isEmpty())
        m.insert(QStringLiteral("VolumeOptions"), options);
    m_mounts.append(m);
}

void ServiceDraft::addBindMount(const VolumeMount &mount)
{
    QString propagation;
    QString selinux;
    QString recursive;
    for (auto it = mount.bindOptions.begin(); it != mount.bindOptions.end(); ++it) {
        if (it.key() == QLatin1String("propagation"))
            propagation = it.value().toString();
        else if (it.key() == QLatin1String("selinux"))
            selinux = it.value().toString();
        else if (it.key() == QLatin1String("recursive"))
            recursive = it.value().toString();
        else
            reportMount(mount, QStringLiteral("uses bind.%1, which Stagehand does not support").arg(it.key()));
    }
    // Compose creates a missing host path for the short syntax and for a long one without a
    // bind: section (the Binds field does); create_host_path: false (or bind options without it)
    // takes the Mount API, where the engine refuses a missing source instead.
    const bool createHostPath = mount.createHostPath.value_or(mount.bindOptions.isEmpty());
    if (!recursive.isEmpty() && recursive != QLatin1String("enabled") && (createHostPath || recursive != QLatin1String("disabled"))) {
        reportMount(mount, recursive == QLatin1String("disabled")
            ? QStringLiteral("uses bind.recursive: disabled with create_host_path, which the engine cannot do at once on API %1").arg(QLatin1String(DraftReporter::EngineApi))
            : QStringLiteral("uses bind.recursive: %1, which needs Engine API 1.44 (Docker 25); Stagehand deploys with API %2").arg(recursive, QLatin1String(DraftReporter::EngineApi)));
    }
    if (createHostPath) {
        QStringList options;
        if (mount.readOnly)
            options.append(QStringLiteral("ro"));
        if (!selinux.isEmpty())
            options.append(selinux);
        if (!propagation.isEmpty())
            options.append(propagation);
        m_binds.append(QString(mount.source + QLatin1Char(':') + mount.target
                               + (options.isEmpty() ? QString() : QString(QLatin1Char(':') + options.join(QLatin1Char(','))))));
        return;
    }
    if (!selinux.isEmpty())
        reportMount(mount, QStringLiteral("uses bind.selinux with create_host_path: false: the engine relabels only bind mounts it may create (Binds)"));
    QJsonObject m = mountObject(mount);
    m.insert(QStringLiteral("Source"), mount.source);
    QJsonObject options;
    if (!propagation.isEmpty())
        options.insert(QStringLiteral("Propagation"), propagation);
    if (recursive == QLatin1String("disabled"))
        options.insert(QStringLiteral("NonRecursive"), true);
    if (!options.isEmpty())
        m.insert(QStringLiteral("BindOptions"), options);
    m_mounts.append(m);
}

void ServiceDraft::addTmpfsMount(const VolumeMount &mount)
{
    QJsonObject m = mountObject(mount);
    QJsonObject options;
    for (auto it = mount.tmpfsOptions.begin(); it != mount.tmpfsOptions.end(); ++it) {
        if (it.key() == QLatin1String("size")) {
            if (auto size = DraftValues::bytes(it.value()))
                options.insert(QStringLiteral("SizeBytes"), *size);
            else
                reportMount(mount, QStringLiteral("has a tmpfs.size Stagehand cannot read"));
        } else if (it.key() == QLatin1String("mode")) {
            if (auto mode = fileMode(it.value()))
                options.insert(QStringLiteral("Mode"), *mode);
            else
                reportMount(mount, QStringLiteral("has a tmpfs.mode Stagehand cannot read"));
        } else {
            reportMount(mount, QStringLiteral("uses tmpfs.%1, which needs a later Engine API than %2").arg(it.key(), QLatin1String(DraftReporter::EngineApi)));
        }
    }
    if (!options.isEmpty())
        m.insert(QStringLiteral("TmpfsOptions"), options);
    m_mounts.append(m);
}

// ---- secrets and configs: files bind-mounted read-only, values copied in ---------------------

void ServiceDraft::addFileObjects(const QList<FileReference> &references, const QMap<QString, FileObjectDefinition> &definitions,
                                  bool isSecret)
{
    for (const FileReference &ref : references)
        addFileObject(ref, definitions, isSecret);
}

void ServiceDraft::addFileObject(const FileReference &ref, const QMap<QString, FileObjectDefinition> &definitions, bool isSecret)
{
    const QString kind = isSecret ? QStringLiteral("secrets") : QStringLiteral("configs");
    const QString baseDir = isSecret ? QStringLiteral("/run/secrets") : QStringLiteral("/");
    const QString what = QStringLiteral("%1 (%2)").arg(kind, ref.source);
    auto reportRef = [&](const QString &why) { m_report.at(ref.location, what, why); };
    if (!definitions.contains(ref.source)) {
        reportRef(QStringLiteral("refers to no top-level %1 of that name").arg(isSecret ? QStringLiteral("secret") : QStringLiteral("config")));
        return;
    }
    const FileObjectDefinition &definition = definitions[ref.source];
    if (definition.external) {
        reportRef(QStringLiteral("is external: external secrets and configs are swarm objects, which a single engine does not hold"));
        return;
    }
    bool usable = true;
    for (auto it = definition.other.begin(); it != definition.other.end(); ++it) {
        if (it.key().startsWith(QLatin1String("x-")))
            continue;
        reportRef(QStringLiteral("uses %1, which a single engine cannot apply").arg(it.key()));
        usable = false;
    }
    const QString target = ref.target.isEmpty() ? joinPath(baseDir, ref.source)
                         : ref.target.startsWith(QLatin1Char('/')) ? ref.target
                         : joinPath(baseDir, ref.target);
    if (m_targets.contains(target))
        return; // a volume at the same place wins, as in Compose
    m_targets.insert(target);
    const bool owned = !ref.uid.isEmpty() || !ref.gid.isEmpty() || ref.mode.has_value();
    ContainerFileCopy copy;
    const qsizetype slash = target.lastIndexOf(QLatin1Char('/'));
    copy.directory = slash <= 0 ? QStringLiteral("/") : target.left(slash);
    copy.fileName = target.mid(slash + 1);
    copy.mode = ref.mode.value_or(0444);
    auto id = [&](const QString &written, const char *field) {
        bool ok = true;
        const int value = written.isEmpty() ? 0 : written.toInt(&ok);
        if (!ok || value < 0) {
            reportRef(QStringLiteral("has a %1 that is not a number: '%2'").arg(QLatin1String(field), written));
            usable = false;
        }
        return value;
    };
    copy.uid = id(ref.uid, "uid");
    copy.gid = id(ref.gid, "gid");
    if (!usable)
        return;
    if (!definition.file.isEmpty() && !owned) {
        // Bind-mounted, as Compose does: the engine refuses a missing file instead of creating a
        // folder in its place (the Mount API).
        m_mounts.append(QJsonObject{{QStringLiteral("Type"), QStringLiteral("bind")},
                                    {QStringLiteral("Source"), definition.file},
                                    {QStringLiteral("Target"), target},
                                    {QStringLiteral("ReadOnly"), true}});
        return;
    }
    if (auto content = fileObjectContent(ref, definition, what)) {
        copy.content = *content;
        m_blueprint.copies.append(copy);
    }
}

std::optional<QByteArray> ServiceDraft::fileObjectContent(const FileReference &ref, const FileObjectDefinition &definition,
                                                          const QString &what) const
{
    if (!definition.file.isEmpty()) {
        // A bind mount cannot change a file's owner or mode: the file is copied in with them.
        QFile file(definition.file);
        if (!file.open(QIODevice::ReadOnly)) {
            m_report.at(ref.location, what, QStringLiteral("sets uid, gid or mode, so the file is copied in, but '%1' cannot be read: %2").arg(definition.file, file.errorString()));
            return std::nullopt;
        }
        return file.readAll();
    }
    if (!definition.environment.isEmpty()) {
        const QString &variable = definition.environment;
        std::optional<QString> value;
        if (m_service.environment.contains(variable))
            value = m_service.environment.value(variable);
        if (!value && m_builder.m_processEnvironment.contains(variable))
            value = m_builder.m_processEnvironment.value(variable);
        if (!value) {
            m_report.at(ref.location, what, QStringLiteral("takes its value from the environment variable %1, which is not set").arg(variable));
            return std::nullopt;
        }
        return value->toUtf8();
    }
    return definition.content.toUtf8();
}

} // namespace stagehand

#include "detail/InspectSummary.h"

#include <QJsonArray>

namespace stagehand {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString();
}

QString quoted(const QString &word)
{
    if (!word.isEmpty() && !word.contains(u' ') && !word.contains(u'\'') && !word.contains(u'"'))
        return word;
    QString escaped = word;
    escaped.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return u'\'' + escaped + u'\'';
}

QString joined(const QJsonArray &words)
{
    QStringList out;
    for (const QJsonValue &w : words)
        out.append(quoted(w.toString()));
    return out.join(u' ');
}

QString time(const QString &iso)
{
    return iso.startsWith(QLatin1String("0001-")) ? QString() : iso;
}

} // namespace

QString InspectSummary::portBindings(const QJsonValue &bindings)
{
    const QJsonArray list = bindings.toArray();
    if (list.isEmpty())
        return tr("not published");
    QStringList out;
    for (const QJsonValue &b : list) {
        const QJsonObject o = b.toObject();
        QString ip = o.value(QLatin1String("HostIp")).toString();
        if (ip.contains(u':'))
            ip = u'[' + ip + u']';
        out.append((ip.isEmpty() ? QStringLiteral("*") : ip) + u':' + o.value(QLatin1String("HostPort")).toString());
    }
    return out.join(QStringLiteral(", "));
}

QString InspectSummary::command(const QJsonObject &inspect)
{
    const QString path = inspect.value(QLatin1String("Path")).toString();
    if (!path.isEmpty())
        return (QStringList{quoted(path)} + QStringList{joined(inspect.value(QLatin1String("Args")).toArray())})
            .join(u' ')
            .trimmed();
    const QJsonObject config = inspect.value(QLatin1String("Config")).toObject();
    const QString line =
        joined(config.value(QLatin1String("Entrypoint")).toArray()) + u' ' + joined(config.value(QLatin1String("Cmd")).toArray());
    return line.trimmed();
}

QList<InspectSection> InspectSummary::sections(const QJsonObject &inspect)
{
    const QJsonObject state = inspect.value(QLatin1String("State")).toObject();
    const QJsonObject config = inspect.value(QLatin1String("Config")).toObject();
    const QJsonObject host = inspect.value(QLatin1String("HostConfig")).toObject();
    const QJsonObject network = inspect.value(QLatin1String("NetworkSettings")).toObject();
    QList<InspectSection> out;

    InspectSection st{tr("State"), {}};
    st.rows.append({tr("Status"), str(state, "Status")});
    const QString health = state.value(QLatin1String("Health")).toObject().value(QLatin1String("Status")).toString();
    if (!health.isEmpty())
        st.rows.append({tr("Health"), health});
    st.rows.append({tr("Exit code"), str(state, "ExitCode")});
    if (state.value(QLatin1String("Pid")).toInt() > 0)
        st.rows.append({tr("PID"), str(state, "Pid")});
    st.rows.append({tr("Started at"), time(str(state, "StartedAt"))});
    st.rows.append({tr("Finished at"), time(str(state, "FinishedAt"))});
    st.rows.append({tr("Restart count"), str(inspect, "RestartCount")});
    if (state.value(QLatin1String("OOMKilled")).toBool())
        st.rows.append({tr("OOM killed"), tr("yes")});
    if (!str(state, "Error").isEmpty())
        st.rows.append({tr("Error"), str(state, "Error")});
    out.append(st);

    InspectSection general{tr("General"), {}};
    QString name = str(inspect, "Name");
    if (name.startsWith(u'/'))
        name.remove(0, 1);
    general.rows.append({tr("Name"), name});
    general.rows.append({tr("ID"), str(inspect, "Id").left(12)});
    general.rows.append({tr("Image"), str(config, "Image")});
    general.rows.append({tr("Image ID"), str(inspect, "Image")});
    general.rows.append({tr("Command"), command(inspect)});
    general.rows.append({tr("Created"), str(inspect, "Created")});
    if (!str(config, "WorkingDir").isEmpty())
        general.rows.append({tr("Working directory"), str(config, "WorkingDir")});
    if (!str(config, "User").isEmpty())
        general.rows.append({tr("User"), str(config, "User")});
    general.rows.append(
        {tr("Restart policy"), host.value(QLatin1String("RestartPolicy")).toObject().value(QLatin1String("Name")).toString()});
    out.append(general);

    InspectSection ports{tr("Ports"), {}};
    const QJsonObject portMap = network.value(QLatin1String("Ports")).toObject();
    for (auto it = portMap.begin(); it != portMap.end(); ++it)
        ports.rows.append({it.key(), portBindings(it.value())});
    out.append(ports);

    InspectSection mounts{tr("Mounts"), {}};
    for (const QJsonValue &m : inspect.value(QLatin1String("Mounts")).toArray()) {
        const QJsonObject o = m.toObject();
        const QString type = str(o, "Type");
        const QString source = type == QLatin1String("volume") ? str(o, "Name") : str(o, "Source");
        const QString mode = o.value(QLatin1String("RW")).toBool(true) ? QStringLiteral("rw") : QStringLiteral("ro");
        mounts.rows.append({str(o, "Destination"), QStringLiteral("%1 %2 (%3)").arg(type, source, mode)});
    }
    out.append(mounts);

    InspectSection networks{tr("Networks"), {}};
    const QJsonObject nets = network.value(QLatin1String("Networks")).toObject();
    for (auto it = nets.begin(); it != nets.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        QString value = str(o, "IPAddress");
        if (o.value(QLatin1String("IPPrefixLen")).toInt() > 0)
            value += u'/' + str(o, "IPPrefixLen");
        QStringList aliases;
        for (const QJsonValue &a : o.value(QLatin1String("Aliases")).toArray())
            aliases.append(a.toString());
        if (!aliases.isEmpty())
            value += tr(" (aliases: %1)").arg(aliases.join(QStringLiteral(", ")));
        networks.rows.append({it.key(), value.trimmed()});
    }
    out.append(networks);

    InspectSection labels{tr("Labels"), {}};
    const QJsonObject labelMap = config.value(QLatin1String("Labels")).toObject();
    for (auto it = labelMap.begin(); it != labelMap.end(); ++it)
        labels.rows.append({it.key(), it.value().toString()});
    out.append(labels);

    InspectSection env{tr("Environment"), {}};
    for (const QJsonValue &v : config.value(QLatin1String("Env")).toArray()) {
        const QString entry = v.toString();
        const qsizetype equals = entry.indexOf(u'=');
        env.rows.append({equals < 0 ? entry : entry.left(equals), equals < 0 ? QString() : entry.mid(equals + 1)});
    }
    out.append(env);
    return out;
}

} // namespace stagehand

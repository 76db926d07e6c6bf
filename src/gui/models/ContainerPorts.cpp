#include "models/ContainerPorts.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <tuple>

namespace stagehand {
namespace {

struct Binding {
    int privatePort = 0;
    QString protocol;
    QString hostIp;
    int publicPort = 0;
};

QString format(QList<Binding> bindings)
{
    std::sort(bindings.begin(), bindings.end(), [](const Binding &a, const Binding &b) {
        return std::tie(a.privatePort, a.protocol, a.publicPort, a.hostIp) <
               std::tie(b.privatePort, b.protocol, b.publicPort, b.hostIp);
    });
    QStringList out;
    QSet<QString> seen;
    for (const Binding &b : std::as_const(bindings)) {
        const QString target =
            QStringLiteral("%1/%2").arg(b.privatePort).arg(b.protocol.isEmpty() ? QStringLiteral("tcp") : b.protocol);
        QString text;
        if (b.publicPort > 0) {
            const bool any = b.hostIp.isEmpty() || b.hostIp == u"0.0.0.0" || b.hostIp == u"::";
            const QString host = any ? QStringLiteral("0.0.0.0") : (b.hostIp.contains(u':') ? u'[' + b.hostIp + u']' : b.hostIp);
            text = QStringLiteral("%1:%2->%3").arg(host).arg(b.publicPort).arg(target);
        } else {
            text = target;
        }
        if (!seen.contains(text)) {
            seen.insert(text);
            out.append(text);
        }
    }
    // A port that is published also appears unpublished on some engines: keep the published form.
    QStringList result;
    for (const QString &text : std::as_const(out)) {
        if (!text.contains(u'>')) {
            const QString suffix = QStringLiteral("->") + text;
            if (std::any_of(out.cbegin(), out.cend(), [&](const QString &o) { return o.endsWith(suffix); }))
                continue;
        }
        result.append(text);
    }
    return result.join(QStringLiteral(", "));
}

} // namespace

QString ContainerPorts::fromList(const QJsonArray &ports)
{
    QList<Binding> bindings;
    for (const QJsonValue &value : ports) {
        const QJsonObject o = value.toObject();
        bindings.append({o.value(QLatin1String("PrivatePort")).toInt(), o.value(QLatin1String("Type")).toString(),
                         o.value(QLatin1String("IP")).toString(), o.value(QLatin1String("PublicPort")).toInt()});
    }
    return format(bindings);
}

QString ContainerPorts::fromInspect(const QJsonObject &networkSettingsPorts)
{
    QList<Binding> bindings;
    for (auto it = networkSettingsPorts.begin(); it != networkSettingsPorts.end(); ++it) {
        const QString key = it.key();
        const qsizetype slash = key.indexOf(u'/');
        const int port = (slash < 0 ? key : key.left(slash)).toInt();
        const QString protocol = slash < 0 ? QStringLiteral("tcp") : key.mid(slash + 1);
        const QJsonArray hosts = it.value().toArray();
        if (hosts.isEmpty())
            bindings.append({port, protocol, {}, 0});
        for (const QJsonValue &h : hosts) {
            const QJsonObject o = h.toObject();
            bindings.append({port, protocol, o.value(QLatin1String("HostIp")).toString(),
                             o.value(QLatin1String("HostPort")).toString().toInt()});
        }
    }
    return format(bindings);
}

} // namespace stagehand

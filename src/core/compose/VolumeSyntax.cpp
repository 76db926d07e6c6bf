#include "compose/VolumeSyntax.h"

#include <QSet>
#include <QStringList>

namespace stagehand {

bool VolumeSyntax::isPath(const QString &source)
{
    return source.startsWith(QLatin1Char('.')) || source.startsWith(QLatin1Char('/')) || source.startsWith(QLatin1Char('~'))
        || (source.size() > 2 && source.at(1) == QLatin1Char(':') && source.at(0).isLetter());
}

std::optional<VolumeMount> VolumeSyntax::parse(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    if (text.isEmpty() || parts.size() > 3 || parts.contains(QString())) {
        *error = QStringLiteral("'%1' is not a volume: expected [SOURCE:]TARGET[:MODE]").arg(text);
        return std::nullopt;
    }
    VolumeMount mount;
    if (parts.size() == 1) {
        mount.target = parts.at(0);
    } else {
        mount.source = parts.at(0);
        mount.target = parts.at(1);
    }
    if (!mount.target.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("'%1': the container path '%2' must be absolute").arg(text, mount.target);
        return std::nullopt;
    }
    if (!mount.source.isEmpty() && isPath(mount.source)) {
        mount.type = QStringLiteral("bind");
        mount.createHostPath = true;
    }
    if (parts.size() == 3) {
        static const QSet<QString> propagation{QStringLiteral("shared"), QStringLiteral("rshared"), QStringLiteral("slave"),
                                               QStringLiteral("rslave"), QStringLiteral("private"), QStringLiteral("rprivate")};
        for (const QString &option : parts.at(2).split(QLatin1Char(','))) {
            if (option == QLatin1String("ro")) {
                mount.readOnly = true;
            } else if (option == QLatin1String("rw")) {
                mount.readOnly = false;
            } else if (option == QLatin1String("z") || option == QLatin1String("Z")) {
                mount.bindOptions.insert(QStringLiteral("selinux"), option);
            } else if (option == QLatin1String("nocopy")) {
                mount.volumeOptions.insert(QStringLiteral("nocopy"), true);
            } else if (option == QLatin1String("cached") || option == QLatin1String("delegated")
                       || option == QLatin1String("consistent")) {
                mount.consistency = option;
            } else if (propagation.contains(option)) {
                mount.bindOptions.insert(QStringLiteral("propagation"), option);
            } else {
                *error = QStringLiteral("'%1': unknown volume mode '%2' (expected ro, rw, z, Z, nocopy, ...)").arg(text, option);
                return std::nullopt;
            }
        }
    }
    return mount;
}

} // namespace stagehand

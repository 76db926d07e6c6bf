#include "Measure.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

namespace stagehand::bench {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double cpuMs(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return (double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3) +
           (double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
}

Figures measure(int runs, bool child, const std::function<bool()> &work)
{
    if (!work())
        return {};
    const int who = child ? RUSAGE_CHILDREN : RUSAGE_SELF;
    std::vector<double> wall, cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double cpuBefore = cpuMs(who);
        timer.start();
        if (!work())
            return {};
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpu.push_back(cpuMs(who) - cpuBefore);
    }
    return {median(wall), median(cpu)};
}

bool runProcess(const QString &program, const QStringList &arguments, const QString &dir, QByteArray *output)
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    for (const QString &name : {QStringLiteral("PATH"), QStringLiteral("HOME")})
        env.insert(name, system.value(name));
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() > 1) {
        std::fprintf(stderr, "bench: %s failed: %s\n", qPrintable(program), process.readAllStandardError().constData());
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return true;
}

QString figure(double ms)
{
    return ms < 0 ? QStringLiteral("failed") : QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 1);
}

QString ratio(double slow, double fast)
{
    if (slow <= 0 || fast <= 0)
        return QStringLiteral("n/a");
    return QStringLiteral("%1x").arg(slow / fast, 0, 'f', slow / fast < 10 ? 1 : 0);
}

void printRow(const QString &what, const Figures &f, int width)
{
    out() << QStringLiteral("  %1 %2 %3\n")
                 .arg(what.leftJustified(width), figure(f.wall).rightJustified(12), figure(f.cpu).rightJustified(12));
}

void printHeader(int width)
{
    out() << QStringLiteral("  %1 %2 %3\n")
                 .arg(QString().leftJustified(width), QStringLiteral("wall").rightJustified(12),
                      QStringLiteral("CPU").rightJustified(12));
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace stagehand::bench

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <vector>

// What every benchmark needs to measure and print: medians of wall-clock and CPU time, child
// processes, and the figures and ratios in one format.
namespace stagehand::bench {

// Medians of one measurement, in milliseconds: wall-clock time, and CPU time, which a busy machine
// disturbs much less (these machines are shared and noisy).
struct Figures {
    double wall = -1;
    double cpu = -1;
    bool ok() const { return wall >= 0; }
};

QTextStream &out();
double median(std::vector<double> values);
// CPU time (user + system) in milliseconds: of this process (RUSAGE_SELF), or of its children that
// have ended (RUSAGE_CHILDREN).
double cpuMs(int who);
// Runs work once to warm up, then runs times. child: the work is a child process (its CPU time is
// counted), else it runs in this process. A failed run (work returns false) fails the measurement.
Figures measure(int runs, bool child, const std::function<bool()> &work);
// Runs program to its end with only PATH and HOME from this environment; false (and its stderr
// printed) when it fails, exits above 1, or takes over two minutes.
bool runProcess(const QString &program, const QStringList &arguments, const QString &dir, QByteArray *output = nullptr);
QString figure(double ms);
QString ratio(double slow, double fast);
// "  <what padded to width> <wall> <CPU>"
void printRow(const QString &what, const Figures &f, int width = 52);
void printHeader(int width = 52);
// The resident set size of this process in KiB (VmRSS), or -1.
qint64 residentKiB();

} // namespace stagehand::bench

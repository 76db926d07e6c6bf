#include "TestRun.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <atomic>

namespace stagehand::test {

namespace {

QString sanitized(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-')
            out += c;
        else if (!out.endsWith(u'-'))
            out += u'-';
    }
    while (out.startsWith(u'-'))
        out.remove(0, 1);
    while (out.endsWith(u'-'))
        out.chop(1);
    return out;
}

} // namespace

TestRun::TestRun()
    : m_id(QStringLiteral("sht-%1-%2")
               .arg(QCoreApplication::applicationPid())
               .arg(QRandomGenerator::system()->bounded(0x1000000u), 6, 16, QLatin1Char('0')))
{
}

const TestRun &TestRun::current()
{
    static const TestRun run;
    return run;
}

QStringList TestRun::labelArguments() const
{
    return {QStringLiteral("--label"), label()};
}

QString TestRun::uniqueName(const QString &prefix) const
{
    static std::atomic<int> counter{0};
    const int n = ++counter;
    QString middle = sanitized(prefix);
    if (middle.isEmpty())
        middle = QStringLiteral("x");
    return m_id + u'-' + middle + u'-' + QString::number(n);
}

} // namespace stagehand::test

#pragma once

#include <QString>
#include <QStringList>

#include <QtTest>

namespace stagehand::test {

class DockerCli;

// What a test needs from the machine, as a reason it cannot run (empty: all there).
//
// Skipping is for developer machines without Docker. Where the environment variable CI or
// STAGEHAND_TEST_REQUIRE_ENGINE is set (CI builds the images before the tests), a missing
// requirement fails the test instead: STAGEHAND_REQUIRE() below.
class Requirements {
public:
    // The engine answers.
    static QString engine(const DockerCli &docker);
    // Every image is present locally (the demo's come from scripts/build-images.sh).
    static QString images(const DockerCli &docker, const QStringList &images);
    // A stagehand/base:<recipe> image (scripts/build-images.sh) is present; its reference in *image.
    static QString baseImage(const DockerCli &docker, QString *image);
    // Root (to start a private dockerd) and /usr/sbin/dockerd.
    static QString privateEngine();
    // docker-compose (1.29) runs.
    static QString compose();

    // CI or STAGEHAND_TEST_REQUIRE_ENGINE is set: a missing requirement is a failure.
    static bool mustNotSkip();
};

} // namespace stagehand::test

// In a test function: skips (or, under CI, fails) with the reason, if reasonExpression is non-empty.
#define STAGEHAND_REQUIRE(reasonExpression)                                                                                      \
    do {                                                                                                                         \
        const QString stagehandReason_ = (reasonExpression);                                                                     \
        if (!stagehandReason_.isEmpty()) {                                                                                       \
            if (::stagehand::test::Requirements::mustNotSkip())                                                                  \
                QFAIL(qPrintable(QStringLiteral("required (CI/STAGEHAND_TEST_REQUIRE_ENGINE set): ") + stagehandReason_));       \
            QSKIP(qPrintable(stagehandReason_));                                                                                 \
        }                                                                                                                        \
    } while (false)

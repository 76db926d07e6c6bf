#pragma once

#include <QString>
#include <QtGlobal>

namespace stagehand::cli {

// The docker CLI's human-readable figures (github.com/docker/go-units), so that our tables read
// like docker's.
class HumanUnits {
public:
    // units.BytesSize: binary, four significant digits ("1.5GiB", "512KiB", "0B").
    static QString bytesSize(double bytes);
    // units.HumanSizeWithPrecision(size, 3): decimal, three significant digits ("1.23MB", "12kB").
    static QString humanSize(double bytes);
    // units.HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks", ...
    static QString humanDuration(qint64 seconds);
};

} // namespace stagehand::cli

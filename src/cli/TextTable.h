#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace stagehand::cli {

// Rows of cells as the docker CLI prints them: columns padded to their widest cell plus two spaces
// (at least three, as docker's tabwriter has it, with minimumGap), the last column not padded.
class TextTable {
public:
    static QString format(const QList<QStringList> &rows, int minimumGap = 2);
};

} // namespace stagehand::cli

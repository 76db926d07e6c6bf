#pragma once

#include "EnvironmentSnapshot.h"

#include <QWidget>

namespace stagehand {

// A page of the main window that shows one environment of the open project (services, ports,
// findings; later containers, deploy, verify, backups, dashboards). The main window owns the
// pages as tabs and hands each the selected environment.
class EnvironmentView : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    // The snapshot's pointers stay valid until the next call.
    virtual void showEnvironment(const EnvironmentSnapshot &snapshot) = 0;

Q_SIGNALS:
    // Asks the main window to show a file at a line (e.g. a finding was activated).
    void openLocationRequested(const SourceLocation &location);
    void statusMessage(const QString &message);
    // The view changed a project file (the project must be reloaded).
    void filesEdited();
};

} // namespace stagehand

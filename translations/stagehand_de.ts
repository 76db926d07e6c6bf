<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../ui/FindingsView.ui" line="+14"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors and warnings</source>
        <translation>Fehler und Warnungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter findings</source>
        <translation>Befunde filtern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply Fix…</source>
        <translation>Korrektur anwenden…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="+9"/>
        <source>Stagehand</source>
        <translation>Stagehand</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Open Project…</source>
        <translation>&amp;Projekt öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next Environment</source>
        <translation>&amp;Nächste Umgebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Previous Environment</source>
        <translation>&amp;Vorherige Umgebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+PgUp</source>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Stagehand</source>
        <translation>&amp;Über Stagehand</translation>
    </message>
</context>
<context>
    <name>PortMapView</name>
    <message>
        <location filename="../ui/PortMapView.ui" line="+14"/>
        <source>Conflicts only</source>
        <translation>Nur Konflikte</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Apply Suggestion…</source>
        <translation>Vorschlag anwenden…</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/app/main.cpp" line="+36"/>
        <source>Run a team&apos;s multi-service staging environment on Docker.</source>
        <translation>Betreibt die Staging-Umgebung eines Teams mit mehreren Diensten auf Docker.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A project folder, its stagehand.yaml, or a Compose file (default: the demo).</source>
        <translation>Ein Projektordner, seine stagehand.yaml oder eine Compose-Datei (Vorgabe: das Demoprojekt).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Stagehand</source>
        <translation>Stagehand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The demo project could not be prepared: %1</source>
        <translation>Das Demoprojekt konnte nicht vorbereitet werden: %1</translation>
    </message>
</context>
<context>
    <name>ServicesView</name>
    <message>
        <location filename="../ui/ServicesView.ui" line="+12"/>
        <source>Filter services by name, image, port or dependency</source>
        <translation>Dienste nach Name, Image, Port oder Abhängigkeit filtern</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="+5"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reload a project when its files change on disk</source>
        <translation>Projekt neu laden, wenn sich seine Dateien auf der Festplatte ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the demo project when no project is given</source>
        <translation>Das Demoprojekt öffnen, wenn kein Projekt angegeben ist</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Logging</source>
        <translation>Protokollierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Console level:</source>
        <translation>Stufe für die Konsole:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log file level:</source>
        <translation>Stufe für die Protokolldatei:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secret values are never written to the log. Log levels take effect at the next start.</source>
        <translation>Geheime Werte werden nie ins Protokoll geschrieben. Protokollstufen gelten ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>stagehand::ChangePreviewDialog</name>
    <message>
        <location filename="../src/gui/widgets/ChangePreviewDialog.cpp" line="+24"/>
        <source>In %1, line %2:</source>
        <translation>In %1, Zeile %2:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Write the Change</source>
        <translation>Änderung schreiben</translation>
    </message>
</context>
<context>
    <name>stagehand::FindingsModel</name>
    <message>
        <location filename="../src/gui/models/FindingsModel.cpp" line="+45"/>
        <source>Hint: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
</context>
<context>
    <name>stagehand::FindingsView</name>
    <message>
        <location filename="../src/gui/views/FindingsView.h" line="+27"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location filename="../src/gui/views/FindingsView.cpp" line="+24"/>
        <location line="+55"/>
        <source>Apply a Fix</source>
        <translation>Eine Korrektur anwenden</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Hint: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file was not changed: %1</source>
        <translation>Die Datei wurde nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>stagehand::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="+55"/>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files changed on disk; reloading…</source>
        <translation>Dateien auf der Festplatte geändert; wird neu geladen…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Stagehand</source>
        <translation>Stagehand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The project could not be opened</source>
        <translation>Das Projekt konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — Stagehand</source>
        <translation>%1 — Stagehand</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (errors)</source>
        <translation>%1 (Fehler)</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n Umgebung</numerusform>
            <numerusform>%n Umgebungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-112"/>
        <location line="+146"/>
        <source>%1 errors, %2 warnings</source>
        <translation>%1 Fehler, %2 Warnungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Findings (%1)</source>
        <translation>Befunde (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>About Stagehand</source>
        <translation>Über Stagehand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Stagehand %1&lt;/b&gt;&lt;p&gt;Check, deploy, verify, back up, watch, roll back and promote a multi-service staging environment on Docker.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Stagehand %1&lt;/b&gt;&lt;p&gt;Eine Staging-Umgebung mit mehreren Diensten auf Docker prüfen, ausrollen, verifizieren, sichern, überwachen, zurückrollen und hochstufen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stagehand::PortMapModel</name>
    <message>
        <location filename="../src/gui/models/PortMapModel.cpp" line="+53"/>
        <source>free</source>
        <translation>frei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suggestion: move %1 to port %2</source>
        <translation>Vorschlag: %1 auf Port %2 verlegen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
</context>
<context>
    <name>stagehand::PortMapView</name>
    <message>
        <location filename="../src/gui/views/PortMapView.cpp" line="+18"/>
        <location line="+76"/>
        <location line="+7"/>
        <source>Change a Port</source>
        <translation>Einen Port ändern</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>taken by the environment</source>
        <translation>von der Umgebung belegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held by the host or another container</source>
        <translation>vom Host oder einem anderen Container belegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No port check: the project could not be read.</source>
        <translation>Keine Portprüfung: Das Projekt konnte nicht gelesen werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n port(s) in conflict.</source>
        <translation>
            <numerusform>%n Port in Konflikt.</numerusform>
            <numerusform>%n Ports in Konflikt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No port conflicts.</source>
        <translation>Keine Portkonflikte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 published ports, %2 host listeners and %3 container ports checked.</source>
        <translation>%1 veröffentlichte Ports, %2 Host-Listener und %3 Container-Ports geprüft.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Move %1 to %2…</source>
        <translation>%1 auf %2 verlegen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply Suggestion…</source>
        <translation>Vorschlag anwenden…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The file was not changed: %1</source>
        <translation>Die Datei wurde nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/views/PortMapView.h" line="+28"/>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
</context>
<context>
    <name>stagehand::ServiceDelegate</name>
    <message>
        <location filename="../src/gui/models/ServiceDelegate.cpp" line="+43"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no limits</source>
        <translation>keine Limits</translation>
    </message>
</context>
<context>
    <name>stagehand::ServiceTableModel</name>
    <message>
        <location filename="../src/gui/models/ServiceTableModel.cpp" line="+64"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> every %1</source>
        <translation> alle %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 CPU</source>
        <translation>%1 CPU</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>build: %1</source>
        <translation>Build: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (healthy)</source>
        <translation> (fehlerfrei)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health check</source>
        <translation>Zustandsprüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depends on</source>
        <translation>Hängt ab von</translation>
    </message>
</context>
<context>
    <name>stagehand::ServicesView</name>
    <message>
        <location filename="../src/gui/views/ServicesView.h" line="+25"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
</context>
<context>
    <name>stagehand::SourceViewerDialog</name>
    <message>
        <location filename="../src/gui/widgets/SourceViewerDialog.cpp" line="+26"/>
        <source>Open in Editor</source>
        <translation>Im Editor öffnen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
</TS>

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace stagehand {

// Aggregates the progress lines of a pull (POST /images/create) or a push (POST /images/{name}/push)
// per layer: feed() every JSON line in order; ask for each layer's last status and byte counts and
// for the overall fraction done. Pure (no engine), for progress bars in the GUI and the CLI.
//
// A layer line has "id" (the short layer id) and "status": pulls go "Pulling fs layer" / "Waiting"
// -> "Downloading" (progressDetail current/total) -> "Verifying Checksum" / "Download complete" ->
// "Extracting" (current/total) -> "Pull complete", or straight to "Already exists"; pushes go
// "Preparing" / "Waiting" -> "Pushing" (current/total) -> "Pushed", or "Layer already exists" /
// "Mounted from <repo>". Lines without a layer id ("Pulling from ...", "Digest: ...", "Status: ...",
// "<tag>: digest: <digest> size: <n>") are the overall status; {"error"} / errorDetail the error.
class PullProgress {
public:
    struct Layer {
        QString id;
        QString status;      // the last status line of this layer
        qint64 current = 0;  // bytes of the current phase (download, extract or upload)
        qint64 total = 0;    // 0: unknown
        qint64 size = 0;     // the largest total seen (the layer's download or upload size)
        bool done = false;   // complete, already present or mounted
        double fraction = 0; // 0..1 for this layer (download half and extract half for pulls)
    };

    void feed(const QJsonObject &line);
    void reset() { *this = PullProgress(); }

    QList<Layer> layers() const { return m_layers; } // in order of first appearance
    std::optional<Layer> layer(const QString &id) const;
    int layerCount() const { return int(m_layers.size()); }
    int completedLayers() const;
    // 0..1 over all layers seen, weighted by size (a layer of unknown size weighs the mean); 1 when the
    // stream reported its end ("Status: ..." or a push's digest line) or every layer is done.
    double fraction() const;
    QString status() const { return m_status; } // the last line without a layer id
    QString digest() const { return m_digest; } // "sha256:..." from "Digest: " or a push's digest line / aux
    QString error() const { return m_error; }
    bool isFinished() const { return m_finished; }

private:
    static double layerFraction(const Layer &layer, bool push);

    QList<Layer> m_layers;
    QString m_status;
    QString m_digest;
    QString m_error;
    bool m_push = false;
    bool m_finished = false;
};

} // namespace stagehand

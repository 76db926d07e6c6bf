#include "docker/PullProgress.h"

#include <QRegularExpression>

namespace stagehand {

namespace {

bool startsWith(const QString &text, const char *prefix)
{
    return text.startsWith(QLatin1String(prefix));
}

} // namespace

std::optional<PullProgress::Layer> PullProgress::layer(const QString &id) const
{
    for (const Layer &l : m_layers) {
        if (l.id == id)
            return l;
    }
    return std::nullopt;
}

int PullProgress::completedLayers() const
{
    int n = 0;
    for (const Layer &l : m_layers)
        n += l.done ? 1 : 0;
    return n;
}

double PullProgress::layerFraction(const Layer &layer, bool push)
{
    if (layer.done)
        return 1.0;
    const double phase = layer.total > 0 ? std::min(1.0, double(layer.current) / double(layer.total)) : 0.0;
    const QString &s = layer.status;
    if (push)
        return startsWith(s, "Pushing") ? phase : 0.0;
    if (startsWith(s, "Downloading"))
        return 0.5 * phase;
    if (startsWith(s, "Verifying Checksum") || startsWith(s, "Download complete"))
        return 0.5;
    if (startsWith(s, "Extracting"))
        return 0.5 + 0.5 * phase;
    return 0.0;
}

void PullProgress::feed(const QJsonObject &line)
{
    const QString error = line.value(QLatin1String("error")).toString();
    const QString detail = line.value(QLatin1String("errorDetail")).toObject().value(QLatin1String("message")).toString();
    if (!error.isEmpty() || !detail.isEmpty()) {
        if (m_error.isEmpty())
            m_error = error.isEmpty() ? detail : error;
        return;
    }
    const QJsonObject aux = line.value(QLatin1String("aux")).toObject();
    if (!aux.isEmpty()) {
        const QString digest = aux.value(QLatin1String("Digest")).toString();
        if (!digest.isEmpty()) {
            m_digest = digest;
            m_push = true;
            m_finished = true;
        }
        return;
    }
    const QString status = line.value(QLatin1String("status")).toString();
    const QString id = line.value(QLatin1String("id")).toString();
    if (status.isEmpty())
        return;
    if (startsWith(status, "Preparing") || startsWith(status, "Pushing") || startsWith(status, "Pushed") ||
        startsWith(status, "Layer already exists") || startsWith(status, "Mounted from"))
        m_push = true;

    // Layer ids are short hex digests; other id-carrying lines name the tag ("Pulling from <repo>" has
    // the tag as id; a push starts with {"status": "The push refers to repository [...]"}).
    static const QRegularExpression layerId(QStringLiteral("^[0-9a-f]{12}$"));
    if (id.isEmpty() || !layerId.match(id).hasMatch()) {
        m_status = id.isEmpty() ? status : id + QStringLiteral(": ") + status;
        static const QRegularExpression digestLine(QStringLiteral("digest: (sha256:[0-9a-f]{64})"));
        const QRegularExpressionMatch match = digestLine.match(status);
        if (startsWith(status, "Digest: ")) {
            m_digest = status.mid(8).trimmed();
        } else if (match.hasMatch()) {
            m_digest = match.captured(1);
            m_finished = true;
        }
        if (startsWith(status, "Status: "))
            m_finished = true;
        return;
    }

    Layer *layer = nullptr;
    for (Layer &l : m_layers) {
        if (l.id == id)
            layer = &l;
    }
    if (!layer) {
        m_layers.append(Layer{});
        layer = &m_layers.last();
        layer->id = id;
    }
    layer->status = status;
    const QJsonObject progress = line.value(QLatin1String("progressDetail")).toObject();
    const qint64 current = progress.value(QLatin1String("current")).toInteger();
    const qint64 total = progress.value(QLatin1String("total")).toInteger();
    if (startsWith(status, "Downloading") || startsWith(status, "Extracting") || startsWith(status, "Pushing")) {
        layer->current = current;
        layer->total = total;
        layer->size = std::max(layer->size, total);
    } else {
        layer->current = 0;
        layer->total = 0;
    }
    layer->done = startsWith(status, "Pull complete") || startsWith(status, "Already exists") || startsWith(status, "Pushed") ||
                  startsWith(status, "Layer already exists") || startsWith(status, "Mounted from");
    layer->fraction = layerFraction(*layer, m_push);
}

double PullProgress::fraction() const
{
    if (m_finished)
        return 1.0;
    if (m_layers.isEmpty())
        return 0.0;
    // A layer of unknown size (waiting, already present) weighs as much as the mean sized one.
    double sized = 0;
    int count = 0;
    for (const Layer &l : m_layers) {
        if (l.size > 0) {
            sized += double(l.size);
            ++count;
        }
    }
    const double mean = count > 0 ? sized / count : 1.0;
    double weights = 0;
    double done = 0;
    for (const Layer &l : m_layers) {
        const double weight = l.size > 0 ? double(l.size) : mean;
        weights += weight;
        done += weight * l.fraction;
    }
    return done / weights;
}

} // namespace stagehand

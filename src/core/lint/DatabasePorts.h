#pragma once

#include "lint/LintContext.h"
#include "util/Diagnostic.h"

#include <QString>

namespace stagehand {

// database-port-public: a database's port published on every interface of the host. A database is
// recognised by its image's name (or, for a service built here, the service's name) AND its
// container port: PostgreSQL 5432, MySQL/MariaDB 3306, MongoDB 27017, Redis 6379, Elasticsearch
// 9200, SQL Server 1433, CouchDB 5984, Chroma 8000, ...
class DatabasePorts {
public:
    static void check(const LintContext &context, Diagnostics &findings);

    // The database product for an image (e.g. "postgres:15", "bitnami/postgresql", "chromadb/chroma")
    // and container port; empty when it is not a database's port.
    static QString databaseFor(const QString &image, int containerPort);
    // Empty, 0.0.0.0, :: or [::]: every interface.
    static bool isAllInterfaces(const QString &hostIp);
};

} // namespace stagehand

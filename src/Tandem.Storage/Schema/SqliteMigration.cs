using Microsoft.Data.Sqlite;

namespace Tandem.Storage.Schema;

/// <summary>One step of the database schema: it takes a database at <see cref="Version"/> − 1 to <see cref="Version"/>,
/// inside the transaction that also records the new version.</summary>
/// <param name="Version">The schema version after this step (1, 2, ...).</param>
/// <param name="Description">What the step adds, in plain words.</param>
/// <param name="Apply">Runs the step's statements on the connection, in the transaction given.</param>
internal sealed record SqliteMigration(int Version, string Description, Action<SqliteConnection, SqliteTransaction> Apply);

using System.Data;
using System.Data.Common;

namespace Tandem.Storage;

/// <summary>Commands and typed parameters on any ADO.NET connection, written once for the stores that speak to SQLite
/// and PostgreSQL alike.</summary>
internal static class DbParameters
{
    /// <summary>A command of <paramref name="sql"/> on <paramref name="connection"/>, in <paramref name="tx"/> if given.</summary>
    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? tx = null)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>Adds parameter <paramref name="name"/> (written @name in the SQL) of <paramref name="type"/>.</summary>
    public static DbParameter Add(DbCommand cmd, string name, DbType type, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.DbType = type;
        p.Value = value;
        cmd.Parameters.Add(p);
        return p;
    }
}

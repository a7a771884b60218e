using System.Data;
using System.Data.Common;

namespace Tandem.Storage;

/// <summary>Typed parameters on any ADO.NET command, written once for the stores that speak to SQLite and PostgreSQL alike.</summary>
internal static class DbParameters
{
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

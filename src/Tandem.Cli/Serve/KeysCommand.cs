using System.CommandLine;
using System.Globalization;
using Tandem.Cli.Runs;
using Tandem.Storage.Keys;

namespace Tandem.Cli.Serve;

/// <summary>`tandem keys add|list|revoke`: the service's API keys. A new key is printed once; the database keeps only
/// its SHA-256.</summary>
internal static class KeysCommand
{
    public static Command Create(ConsoleIo io)
    {
        Option<string?> Db() => new("--db") { Description = "SQLite file or PostgreSQL connection string, as for tandem serve" };
        var name = new Option<string>("--name") { Description = "A name for the key (who or what uses it)", Required = true };
        var role = new Option<string>("--role") { Description = "admin, tenant, grid or read", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant a tenant key acts for" };
        var addDb = Db();
        var add = new Command("add", "Make a key; it is shown once") { name, role, tenant, addDb };
        add.SetAction(async (pr, ct) =>
        {
            var r = ApiKeyStore.ParseRole(pr.GetValue(role)) ?? throw new UsageException($"--role: '{pr.GetValue(role)}' is not admin, tenant, grid or read");
            using var store = ApiKeyStore.Open(RunsCommand.DbPath(pr.GetValue(addDb)));
            string key;
            try { key = store.Add(pr.GetValue(name)!, r, pr.GetValue(tenant), io.Clock.GetUtcNow()); }
            catch (Tandem.Storage.StoreException e) { throw new UsageException(e.Message); }
            await io.Out.WriteLineAsync(key);
            await io.Error.WriteLineAsync($"Key '{pr.GetValue(name)}' ({ApiKeyStore.RoleName(r)}) made. Keep it: it is not stored and cannot be shown again.");
            return 0;
        });
        var listDb = Db();
        var list = new Command("list", "The keys: name, role, tenant, made, revoked") { listDb };
        list.SetAction(async (pr, ct) =>
        {
            using var store = ApiKeyStore.Open(RunsCommand.DbPath(pr.GetValue(listDb)));
            foreach (var k in store.List())
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{k.Name}\t{ApiKeyStore.RoleName(k.Role)}\t{k.Tenant ?? "-"}\t{k.Created:O}\t{(k.Revoked is { } at ? $"revoked {at:O}" : "active")}"));
            return 0;
        });
        var revokeName = new Option<string>("--name") { Description = "The key to revoke", Required = true };
        var revokeDb = Db();
        var revoke = new Command("revoke", "Revoke a key at once") { revokeName, revokeDb };
        revoke.SetAction(async (pr, ct) =>
        {
            using var store = ApiKeyStore.Open(RunsCommand.DbPath(pr.GetValue(revokeDb)));
            if (!store.Revoke(pr.GetValue(revokeName)!, io.Clock.GetUtcNow())) throw new UsageException($"--name: no active key named '{pr.GetValue(revokeName)}'");
            await io.Out.WriteLineAsync($"Revoked '{pr.GetValue(revokeName)}'.");
            return 0;
        });
        return new Command("keys", "The service's API keys") { add, list, revoke };
    }
}

namespace DsProcess.Infrastructure.Data.Sql;

/// <summary>SQL kept in .sql files next to this class (embedded), for migrations and tools that need it.</summary>
public static class SqlScripts
{
    public static string Read(string name)
    {
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream($"{typeof(SqlScripts).Namespace}.{name}")
            ?? throw new InvalidOperationException($"No embedded SQL script {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

namespace DsProcess.Proxy;

// Not top-level statements: those make a public Program in the global namespace, which the tests' reference to the
// app's own Program would then find twice.
internal static class Program
{
    public static void Main(string[] args) => ProxyHost.Build(new WebApplicationOptions { Args = args }).Run();
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>Every log line a runtime writes, at every level, with its scopes and exceptions: what an operator's log sink would hold.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {(state is IEnumerable<KeyValuePair<string, object>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : state.ToString())}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}

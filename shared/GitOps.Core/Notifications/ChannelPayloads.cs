using System.Text.Json.Nodes;
using GitOps.Core.Alerts;
using GitOps.Core.Registry;

namespace GitOps.Core.Notifications;

/// <summary>
/// The message body each service documents: Slack Block Kit with a <c>text</c> fallback; a Teams
/// Workflows message carrying an Adaptive Card 1.4; Google Chat <c>cardsV2</c> with a text fallback;
/// for a generic webhook, the alert event as JSON. Every message names app, cluster, the short
/// revision (linked to the commit when known), what happened in one line, and the report link.
/// Only the job's fields go in: a summary never carries a Secret value or a token.
/// </summary>
public static class ChannelPayloads
{
    public static JsonObject Build(ChannelType type, NotificationJob job) => type switch
    {
        ChannelType.Slack => Slack(job),
        ChannelType.Teams => Teams(job),
        ChannelType.GoogleChat => GoogleChat(job),
        _ => Webhook(job),
    };

    /// <summary>The title: "🔴 Drift: web on prod", "✅ Resolved Drift: web on prod", "🔁 Still open (5x) ...".</summary>
    public static string Title(NotificationJob job) => job.Event switch
    {
        NotificationEvent.Resolved => $"✅ Resolved {Words(job.Kind)}: {job.App} on {job.Cluster}",
        NotificationEvent.Reminder => $"{Emoji(job.Severity)} Still open ({job.Count}x) {Words(job.Kind)}: {job.App} on {job.Cluster}",
        NotificationEvent.Digest => $"{Emoji(job.Severity)} {job.Summary}",
        _ => $"{Emoji(job.Severity)} {Words(job.Kind)}: {job.App} on {job.Cluster}",
    };

    /// <summary>What happened, in one line (the resolution for a resolved alert).</summary>
    public static string Line(NotificationJob job)
        => OneLine(job.Event == NotificationEvent.Resolved && job.Resolution is not null ? job.Resolution : job.Summary);

    /// <summary>The plain-text fallback: title, line, revision and report, one per line.</summary>
    public static string Text(NotificationJob job)
        => string.Join('\n', new[]
        {
            Title(job),
            Line(job),
            job.Revision is null ? null : $"revision {Short(job.Revision)}{(job.CommitUrl is null ? string.Empty : $" {job.CommitUrl}")}",
            job.ReportUrl is null ? null : $"report {job.ReportUrl}",
        }.Where(l => l is not null));

    public static string Short(string revision) => revision[..Math.Min(12, revision.Length)];

    private static JsonObject Slack(NotificationJob job)
    {
        var fields = new JsonArray
        {
            Mrkdwn($"*App*\n{Escape(job.App)}"),
            Mrkdwn($"*Cluster*\n{Escape(job.Cluster)}"),
            Mrkdwn($"*Severity*\n{job.Severity.ToString().ToLowerInvariant()}"),
        };
        if (job.Revision is { } revision)
        {
            fields.Add(Mrkdwn($"*Revision*\n{(job.CommitUrl is null ? Short(revision) : $"<{job.CommitUrl}|{Short(revision)}>")}"));
        }

        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Clip(Title(job), 150), ["emoji"] = true } },
            new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Clip(Escape(Line(job)), 3000)), ["fields"] = fields },
        };
        if (job.ReportUrl is { } report)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn($"Report: <{report}|{Escape(job.ReportBlob ?? "drift report")}>")) });
        }

        return new JsonObject { ["text"] = Text(job), ["blocks"] = blocks };
    }

    private static JsonObject Teams(NotificationJob job)
    {
        var facts = new JsonArray
        {
            Fact("App", job.App),
            Fact("Cluster", job.Cluster),
            Fact("Severity", job.Severity.ToString().ToLowerInvariant()),
        };
        if (job.Revision is { } revision)
        {
            facts.Add(Fact("Revision", job.CommitUrl is null ? Short(revision) : $"[{Short(revision)}]({job.CommitUrl})"));
        }

        var actions = new JsonArray();
        if (job.CommitUrl is { } commit)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Commit", ["url"] = commit });
        }

        if (job.ReportUrl is { } report)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Report", ["url"] = report });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "TextBlock", ["text"] = Title(job), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true,
                    ["color"] = job.Event == NotificationEvent.Resolved ? "Good" : job.Severity switch { AlertSeverity.Error => "Attention", AlertSeverity.Warning => "Warning", _ => "Default" },
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = Line(job), ["wrap"] = true },
                new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
            },
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
    }

    private static JsonObject GoogleChat(NotificationJob job)
    {
        var widgets = new JsonArray
        {
            new JsonObject { ["textParagraph"] = new JsonObject { ["text"] = Line(job) } },
            Decorated("App", job.App),
            Decorated("Cluster", job.Cluster),
        };
        if (job.Revision is { } revision)
        {
            widgets.Add(Decorated("Revision", Short(revision)));
        }

        var buttons = new JsonArray();
        if (job.CommitUrl is { } commit)
        {
            buttons.Add(Button("Commit", commit));
        }

        if (job.ReportUrl is { } report)
        {
            buttons.Add(Button("Report", report));
        }

        if (buttons.Count > 0)
        {
            widgets.Add(new JsonObject { ["buttonList"] = new JsonObject { ["buttons"] = buttons } });
        }

        return new JsonObject
        {
            ["text"] = Text(job),
            ["cardsV2"] = new JsonArray(new JsonObject
            {
                ["cardId"] = $"{job.AlertId}-{job.Event.ToString().ToLowerInvariant()}",
                ["card"] = new JsonObject
                {
                    ["header"] = new JsonObject { ["title"] = Title(job), ["subtitle"] = $"{job.Severity.ToString().ToLowerInvariant()} · {job.Kind}" },
                    ["sections"] = new JsonArray(new JsonObject { ["widgets"] = widgets }),
                },
            }),
        };
    }

    private static JsonObject Webhook(NotificationJob job) => new()
    {
        ["type"] = $"alert.{job.Event.ToString().ToLowerInvariant()}",
        ["timestamp"] = (job.Event == NotificationEvent.Resolved ? job.LastSeen : job.LastSeen).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = new JsonObject
        {
            ["id"] = job.AlertId,
            ["kind"] = job.Kind.ToString(),
            ["severity"] = job.Severity.ToString().ToLowerInvariant(),
            ["app"] = job.App,
            ["cluster"] = job.Cluster,
            ["revision"] = job.Revision,
            ["commitUrl"] = job.CommitUrl,
            ["summary"] = job.Summary,
            ["resolution"] = job.Resolution,
            ["reportBlob"] = job.ReportBlob,
            ["reportUrl"] = job.ReportUrl,
            ["fingerprint"] = job.Fingerprint,
            ["count"] = job.Count,
            ["firstSeen"] = job.FirstSeen.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["lastSeen"] = job.LastSeen.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = Text(job),
        },
    };

    private static string Words(AlertKind kind) => kind switch
    {
        AlertKind.SyncFailed => "Sync failed",
        AlertKind.PoisonJob => "Job poisoned",
        AlertKind.SourceUnreachable => "Source unreachable",
        AlertKind.NotificationFailed => "Notification failed",
        _ => kind.ToString(),
    };

    private static string Emoji(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Error => "🔴",
        AlertSeverity.Warning => "🟠",
        _ => "🔵",
    };

    private static string OneLine(string text) => Clip(text.ReplaceLineEndings(" "), 500);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Slack mrkdwn control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject Decorated(string label, string text) => new() { ["decoratedText"] = new JsonObject { ["topLabel"] = label, ["text"] = text } };

    private static JsonObject Button(string text, string url) => new() { ["text"] = text, ["onClick"] = new JsonObject { ["openLink"] = new JsonObject { ["url"] = url } } };
}

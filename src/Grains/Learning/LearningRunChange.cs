namespace OrleansPricing.Grains.Learning;

/// <summary>
/// What a completed learning run changed, derived once so that the run's record (<c>Refreshed</c>), its last step, its
/// log line and the runs counter's <c>outcome</c> label say the same: the active model kept, the active version's own kind learned
/// again (<c>Learning:RefreshActive</c>) or a candidate promoted. A refresh the registry refused to activate is no
/// refresh: the active model was kept.
/// </summary>
/// <param name="Outcome">The runs counter's label: <c>kept</c>, <c>refreshed</c> or <c>promoted</c>.</param>
/// <param name="LastStep">The run's last step.</param>
/// <param name="Refreshed">Whether the record marks the run as a refresh of the active kind.</param>
public readonly record struct LearningRunChange(string Outcome, string LastStep, bool Refreshed)
{
    /// <param name="promoted">Whether the run's candidate now prices every quote (the registry activated it).</param>
    /// <param name="refreshedActive">Whether the run's decision was a refresh of the active kind rather than a promotion over it.</param>
    public static LearningRunChange Of(bool promoted, bool refreshedActive) =>
        !promoted ? new("kept", "Completed: the active model kept.", false)
        : refreshedActive ? new("refreshed", "Completed: the active model refreshed.", true)
        : new("promoted", "Completed: promoted.", false);
}

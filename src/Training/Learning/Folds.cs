namespace OrleansPricing.Training.Learning;

/// <summary>Seeded, stratified assignment of rows to folds (strata: treatment arm × outcome), so folds look alike.</summary>
public static class Folds
{
    public static int[] Assign(IReadOnlyList<bool> treated, IReadOnlyList<bool> outcome, int folds, int seed)
    {
        var random = new Random(seed);
        var assignment = new int[treated.Count];
        foreach (var stratum in Enumerable.Range(0, treated.Count).GroupBy(i => (treated[i], outcome[i])).OrderBy(g => g.Key))
        {
            var members = stratum.ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                assignment[members[k]] = k % folds;
            }
        }

        return assignment;
    }
}

namespace OrleansPricing.Training.Segmentation;

/// <summary>
/// Names a segment from its standardized centroid (0 = the average customer): recency below average means recent;
/// frequency and spend above average mean loyal and valuable. The names follow the usual RFM vocabulary.
/// </summary>
public static class SegmentNamer
{
    public static (string Name, string Description) Name(IReadOnlyList<double> centroid)
    {
        double recency = centroid[0], frequency = centroid[1], monetary = centroid[2], tenure = centroid[4];
        var recent = recency < -0.25;
        var lapsed = recency > 0.75;
        var valuable = frequency > 0.5 && monetary > 0.5;
        return (recent, lapsed, valuable) switch
        {
            (true, _, true) => ("champions", "bought recently, buy often and spend the most: reward, do not discount"),
            (_, true, true) => ("at-risk loyal", "used to buy often and spend much but have not bought for a long time: win back"),
            (_, true, false) => ("lapsed", "bought little, long ago: only cheap reactivation offers"),
            (true, _, false) when tenure < -0.25 => ("new", "first purchases recently: nurture toward a second order"),
            (true, _, false) => ("promising", "recent buyers with room to grow in frequency and spend"),
            _ when frequency > 0.25 || monetary > 0.25 => ("steady", "regular customers of average recency and above-average value"),
            _ => ("occasional", "average recency, few orders and low spend"),
        };
    }
}

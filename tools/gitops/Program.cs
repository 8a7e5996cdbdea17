Console.WriteLine("gitops");

# The neuromod-agents service. Build: docker build -t neuromod-agents .
# Run:   docker run -p 8080:8080 -v neuromod-data:/app/data neuromod-agents
# Or with PostgreSQL: docker compose up

FROM eclipse-temurin:21-jdk AS build
WORKDIR /source
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies first, so that a change of source alone does not download them again.
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -DskipTests package \
    && cp target/neuromod-agents-*.jar /source/app.jar

FROM eclipse-temurin:21-jre
RUN groupadd --system neuromod \
    && useradd --system --gid neuromod --home-dir /app --shell /usr/sbin/nologin neuromod \
    && mkdir -p /app/data \
    && chown neuromod:neuromod /app/data
WORKDIR /app
COPY --from=build /source/app.jar /app/app.jar
USER neuromod
# The embedded H2 database lives here unless SPRING_DATASOURCE_URL names another database.
ENV NEUROMOD_DATA_DIR=/app/data \
    SERVER_PORT=8080
VOLUME ["/app/data"]
EXPOSE 8080
# The JRE image has no curl: ask the readiness probe over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} \
        && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 \
        && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
